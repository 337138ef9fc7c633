#!/usr/bin/env bash
# Prints each component: running or not, its version, and how to reach it. Exits 1 if any is down.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

down=0
printf '%-16s %-8s %-8s %-40s %s\n' COMPONENT STATE PID VERSION ENDPOINT
for c in "${STACK_COMPONENTS[@]}"; do
  f=$(fn_name "$c")
  if pid=$(recorded_pid "$c") && "${f}_ready" >/dev/null 2>&1; then
    printf '%-16s %-8s %-8s %-40s %s\n' "$c" up "$pid" "$("${f}_version" 2>/dev/null)" "$("${f}_endpoint")"
  else
    printf '%-16s %-8s %-8s %-40s %s\n' "$c" down - - "$("${f}_endpoint")"
    down=1
  fi
done
exit $down
