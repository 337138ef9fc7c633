#!/usr/bin/env bash
# Stops only the processes this stack started (by their recorded pids, never by name), in the
# reverse of the start order. Data stays; pass --purge to delete it as well.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

for ((i = ${#STACK_COMPONENTS[@]} - 1; i >= 0; i--)); do
  c=${STACK_COMPONENTS[$i]}
  if is_running "$c"; then
    log "stopping $c (pid $(recorded_pid "$c"))"
    stop_daemon "$c"
  fi
done
if [ "${1:-}" = "--purge" ]; then
  log "deleting stack data in $STACK_DIR"
  rm -rf "$STACK_DIR" "$STACK_ENV_FILE"
fi
