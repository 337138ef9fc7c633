#!/usr/bin/env bash
# Runs a TypeScript file on the project's Node with the local stack's endpoints in the
# environment (when the stack has written them). Usage: scripts/run-ts.sh <file.ts> [args...]
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
if [ -f "$TRIBUTARY_HOME/stack.env" ]; then
  set -a
  source "$TRIBUTARY_HOME/stack.env"
  set +a
fi
use_project_node
cd "$TRIBUTARY_ROOT"
SWC_NODE_PROJECT=tsconfig.base.json exec node -r @swc-node/register "$@"
