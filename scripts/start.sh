#!/usr/bin/env bash
# `npm start`: brings the whole system up on this machine and runs its main job. For now that is
# the local stack, every topic and schema, and a smoke run through every component; the services
# and the sample data join as they are built.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$TRIBUTARY_ROOT"

bash scripts/toolchain.sh
bash scripts/stack/up.sh
bash scripts/run-ts.sh contracts/src/tools/provision.ts
bash scripts/run-ts.sh scripts/smoke-run.ts
log "the stack keeps running; stop it with: npm run stack:down"
