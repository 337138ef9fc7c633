#!/usr/bin/env bash
# Brings the local stack up without Docker: installs what is missing, starts what is not running,
# waits for each server to answer, then prints versions and endpoints. Safe to rerun.
# Usage: scripts/stack/up.sh [component...]   (default: all)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

components=("$@")
[ ${#components[@]} -gt 0 ] || components=("${STACK_COMPONENTS[@]}")

for c in "${components[@]}"; do
  f=$(fn_name "$c")
  "${f}_install"
  if is_running "$c"; then
    # Running but perhaps still starting: wait for it rather than start a second copy.
    log "$c already running (pid $(recorded_pid "$c"))"
  else
    log "starting $c"
    "${f}_start"
  fi
  if ! wait_until "$c" "${TRIBUTARY_STACK_TIMEOUT:-120}" "${f}_ready"; then
    tail -n 40 "$LOG_DIR/$c.log" >&2 || true
    die "$c did not become ready; its log is $LOG_DIR/$c.log"
  fi
  if declare -F "${f}_configure" >/dev/null; then "${f}_configure"; fi
done

# stack.env is rewritten from every component, so it always describes the whole stack.
{
  echo "# Written by scripts/stack/up.sh: endpoints of the local stack."
  for c in "${STACK_COMPONENTS[@]}"; do "$(fn_name "$c")_env"; done
  # The landing store (raw files), a folder here; the gateway and file-ingest share it.
  echo "LANDING_DIR=$STACK_DIR/data/landing"
} > "$STACK_ENV_FILE.tmp"
chmod 600 "$STACK_ENV_FILE.tmp" # it holds the local credentials
mv "$STACK_ENV_FILE.tmp" "$STACK_ENV_FILE"

bash "$(dirname "$0")/status.sh" || true
