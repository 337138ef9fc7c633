#!/usr/bin/env bash
# `npm start`: brings the whole system up on this machine and runs its main job: the local stack,
# every topic and schema, a smoke run through every component, then Tributary's services
# (analytics-projector, sensor-ingest and the gateway; the sample data joins with file ingest).
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$TRIBUTARY_ROOT"

bash scripts/toolchain.sh
bash scripts/stack/up.sh
bash scripts/run-ts.sh contracts/src/tools/provision.ts
bash scripts/run-ts.sh scripts/smoke-run.ts
bash scripts/services.sh up
log "the API is at http://127.0.0.1:${TRIBUTARY_GATEWAY_PORT:-3000}/v1 (docs: /docs)"
log "the local admin's email and password are in $TRIBUTARY_HOME/admin-credentials.env"
log "the stack and the services keep running; stop them with: npm run stack:down"
