#!/usr/bin/env bash
# `npm start`: brings the whole system up on this machine and runs its main job. For now that is
# the local stack and a smoke run through every component; later the services and sample data.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$TRIBUTARY_ROOT"

bash scripts/toolchain.sh
bash scripts/stack/up.sh
set -a
source "$TRIBUTARY_HOME/stack.env"
CLICKHOUSE_DATABASE=${CLICKHOUSE_DATABASE:-tributary}
set +a
use_project_node
bash scripts/run-ts.sh contracts/src/tools/provision.ts
bash scripts/run-ts.sh scripts/smoke-run.ts
log "the stack keeps running; stop it with: npm run stack:down"
