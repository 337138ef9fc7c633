#!/usr/bin/env bash
# `npm run images:check [--build]`: runs every image's entry point from its own filesystem
# against the local stack (deploy/images/images.e2e.spec.ts). Builds the images that are missing
# first, or all of them with --build (what `npm test` does). Needs the stack: `npm run stack:up`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$TRIBUTARY_ROOT"
bash scripts/toolchain.sh

case "${1:-}" in
  --build) bash deploy/images/build.sh ;;
  "")
    missing=()
    for unit in "${IMAGE_UNITS[@]}"; do image_exists "$(image_name "$unit")" || missing+=("$unit"); done
    [ ${#missing[@]} -eq 0 ] || bash deploy/images/build.sh "${missing[@]}"
    ;;
  *) die "usage: deploy/images/check.sh [--build]" ;;
esac

[ -f "$STACK_ENV_FILE" ] || die "the stack is not up: run npm run stack:up first"
use_project_node
results=${TRIBUTARY_TEST_RESULTS:-}
exec jest -c deploy/images/jest.config.js ${results:+--json "--outputFile=$results/images.json"}
