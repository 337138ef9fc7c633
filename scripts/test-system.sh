#!/usr/bin/env bash
# `npm run test:system`: every scenario of services/system-tests in its full form (issue 18) against
# the local stack, then the load report: each fault run beside the fault-free run. Long (about 55
# minutes on a 2-core machine) and CPU-heavy: run it on a quiet machine, never beside `npm test`.
# Jest arguments pass through, e.g. `npm run test:system -- projector-sigkill` for one scenario.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$TRIBUTARY_ROOT"

bash scripts/toolchain.sh
bash scripts/stack/up.sh
bash scripts/run-ts.sh services/platform/src/tools/provision.ts

set -a
source "$TRIBUTARY_HOME/stack.env"
set +a
use_project_node
export CONSOLE_DIR=off SYSTEM_TEST_SCALE=full

status=0
# The caller's patterns before the ignore option, which takes every word after it as a pattern too.
jest -c services/system-tests/jest.config.js --testTimeout=1800000 "$@" --testPathIgnorePatterns unit.spec || status=$?
bash scripts/run-ts.sh services/system-tests/src/load-report.ts full || status=$?
exit $status
