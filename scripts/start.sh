#!/usr/bin/env bash
# `npm start`: brings the whole system up on this machine and runs its main job: the local stack,
# every topic and schema, a smoke run through every component, then Tributary's services
# (analytics-projector and sensor-ingest so far; the gateway and the sample data join as they are
# built).
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$TRIBUTARY_ROOT"

bash scripts/toolchain.sh
bash scripts/stack/up.sh
bash scripts/run-ts.sh contracts/src/tools/provision.ts
bash scripts/run-ts.sh scripts/smoke-run.ts
bash scripts/services.sh up
log "the stack and the services keep running; stop them with: npm run stack:down"
