#!/usr/bin/env bash
# `npm start`: brings the whole system up on this machine and runs its main job: the local stack,
# every topic and schema, a smoke run through every component, then Tributary's services
# (projectors, ingest services, the gateway), and, the first time, the sample files of every
# dataset through the public API.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$TRIBUTARY_ROOT"

bash scripts/toolchain.sh
bash scripts/stack/up.sh
bash scripts/run-ts.sh services/platform/src/tools/provision.ts
bash scripts/run-ts.sh scripts/smoke-run.ts
bash scripts/services.sh up
if [ ! -f "$TRIBUTARY_HOME/samples-loaded" ]; then
  log "loading the sample files of every dataset (services/testing/fixtures/datasets)"
  fixtures=()
  for f in services/testing/fixtures/datasets/*; do
    [ "$(basename "$f")" = anomalies.json ] || fixtures+=("$f")
  done
  # Exit status 1 means some rows were rejected: the samples plant bad rows on purpose.
  status=0
  bash scripts/run-ts.sh scripts/cli/tributary.ts ingest --threshold 40 "${fixtures[@]}" || status=$?
  [ "$status" -le 1 ] || die "loading the samples failed"
  touch "$TRIBUTARY_HOME/samples-loaded"
fi
log "the console is at http://127.0.0.1:${TRIBUTARY_GATEWAY_PORT:-3000}/console/ (sign in with the local admin below)"
log "the API is at http://127.0.0.1:${TRIBUTARY_GATEWAY_PORT:-3000}/v1 (docs: /docs)"
log "the local admin's email and password are in $TRIBUTARY_HOME/admin-credentials.env"
log "the stack and the services keep running; stop them with: npm run stack:down"
