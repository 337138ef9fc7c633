#!/usr/bin/env bash
# `npm test`: every test, unit and integration, against the real local stack it starts.
# Installs whatever is missing first (Node 24, packages, Debian packages, Kafka's jars, the
# schema registry), so it works the same on a fresh machine and on a warm one.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$TRIBUTARY_ROOT"

bash scripts/toolchain.sh
bash scripts/stack/up.sh
# Debian's Chromium, for the web console's browser tests.
bash scripts/browser.sh
if [ -n "${CI:-}" ]; then
  # CI leaves nothing running behind it; locally the stack stays up for fast reruns.
  # The images too: a few GB of vfs copies, rebuilt by the next run anyway.
  trap 'bash scripts/services.sh down; bash scripts/stack/down.sh; rm -rf "$TRIBUTARY_HOME/images"' EXIT
fi

bash scripts/run-ts.sh services/platform/src/tools/provision.ts

set -a
source "$TRIBUTARY_HOME/stack.env"
set +a
use_project_node

results=$TRIBUTARY_HOME/test-results
rm -rf "$results" && mkdir -p "$results"
export TRIBUTARY_TEST_RESULTS=$results

status=0
prettier --check --log-level warn "**/*.{ts,js,mjs,json}" || status=$?
nx run-many -t lint typecheck test --outputStyle=stream --skip-nx-cache || status=$?
# Every image built with podman and run from its own filesystem against the stack (alone, after
# the other tests: building is CPU-bound and would only slow them).
bash deploy/images/check.sh --build || status=$?
node scripts/test-summary.js "$results" || status=1
exit $status
