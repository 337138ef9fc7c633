#!/usr/bin/env bash
# Prints lib.sh's settings as JSON, so the image check (TypeScript) uses the same names and
# storage as the build scripts instead of a copy of them.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
json_list() { local first=1 x; printf '['; for x in "$@"; do [ $first = 1 ] || printf ','; first=0; printf '"%s"' "$x"; done; printf ']'; }
images=()
for unit in "${IMAGE_UNITS[@]}"; do images+=("$unit=$(image_name "$unit")"); done
printf '{"units":%s,"images":%s,"containerFlags":%s}\n' \
  "$(json_list "${IMAGE_UNITS[@]}")" "$(json_list "${images[@]}")" "$(json_list "${CONTAINER_FLAGS[@]}")"
