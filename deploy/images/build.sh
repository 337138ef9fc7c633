#!/usr/bin/env bash
# `npm run images [unit…]`: builds the image of every deployable unit (or of those named) from
# deploy/docker/Dockerfile with podman, on the base images deploy/images/base.sh makes locally,
# and prints each image's size and build time. Every build starts afresh (`--layers=false`): with
# vfs storage each cached layer is a full copy of the filesystem, and committing every step took
# 327 s for the gateway against 77 s without. Images are kept in the project's own storage (.tributary/images); `npm run images:check` runs them.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$TRIBUTARY_ROOT"

units=("$@")
[ ${#units[@]} -gt 0 ] || units=("${IMAGE_UNITS[@]}")
for unit in "${units[@]}"; do is_unit "$unit" || die "unknown unit \"$unit\"; one of: ${IMAGE_UNITS[*]}"; done

ensure_image_tools
bash "$TRIBUTARY_ROOT/deploy/images/base.sh"

# npm inside the build must trust what this machine trusts (a TLS-inspecting proxy's CA, say):
# the bundle (NODE_EXTRA_CA_CERTS, else the system's) is mounted for the build's RUN steps only and
# never lands in a layer.
ca_args=()
ca_bundle=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}
if [ -f "$ca_bundle" ]; then
  ca_args=(--volume "$ca_bundle:/run/tributary/build-ca.crt:ro"
    --build-arg NODE_EXTRA_CA_CERTS=/run/tributary/build-ca.crt)
fi

node_heap_options() {
  (cd "$TRIBUTARY_ROOT" && "$image_node" -p "require('./deploy/build/build.js').NODE_HEAP_OPTIONS['$1'] ?? ''")
}

summary=()
for unit in "${units[@]}"; do
  started=$SECONDS
  build_log=$IMAGES_DIR/build-$unit.log
  log "building $(image_name "$unit")"
  if ! podman_ build --isolation chroot --network host --pull=never --layers=false \
    -f deploy/docker/Dockerfile \
    --build-arg "SERVICE=$unit" \
    --build-arg "NODE_HEAP_OPTIONS=$(node_heap_options "$unit")" \
    --build-arg "NODE_IMAGE=$BASE_BUILD_IMAGE" \
    --build-arg "RUNTIME_IMAGE=$BASE_RUNTIME_IMAGE" \
    "${ca_args[@]}" \
    --tag "$(image_name "$unit")" . > "$build_log" 2>&1; then
    tail -n 30 "$build_log" >&2
    die "building the $unit image failed (log: $build_log)"
  fi
  summary+=("$(printf '%-20s %5s MB %5s s' "$unit" "$(image_size_mb "$(image_name "$unit")")" "$((SECONDS - started))")")
done
printf '%-20s %8s %7s\n' image size 'build'
printf '%s\n' "${summary[@]}"
printf 'base: %s %s MB (the floor of every image)\n' "$BASE_RUNTIME_IMAGE" "$(image_size_mb "$BASE_RUNTIME_IMAGE")"
