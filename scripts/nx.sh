#!/usr/bin/env bash
# Runs Nx on the project's Node, without the daemon or cloud (neither exists on CI's machine).
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
use_project_node
cd "$TRIBUTARY_ROOT"
exec nx "$@"
