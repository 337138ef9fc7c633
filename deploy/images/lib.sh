# Sourced by the image scripts: where images are kept and how podman/buildah are called on a
# machine without a Docker engine (vfs storage, chroot isolation, the host's network).
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/stack/lib.sh"

# Every unit the Dockerfile builds: the units of the production build (deploy/build/build.js).
# (build.js is plain CommonJS: any Node reads it, the project's or the machine's.)
image_node=$NODE_HOME/bin/node
[ -x "$image_node" ] || image_node=node
read -r -a IMAGE_UNITS <<< "$(cd "$TRIBUTARY_ROOT" && "$image_node" -p "Object.keys(require('./deploy/build/build.js').UNITS).join(' ')")"
[ ${#IMAGE_UNITS[@]} -gt 0 ] || die "deploy/build/build.js lists no units"
IMAGE_TAG=${TRIBUTARY_IMAGE_TAG:-local}
IMAGE_REPO=localhost/tributary
# The two base images made here (base.sh): Debian 12 minbase plus the Node of .nvmrc, with npm for
# the build stages and without it for the runtime stage.
BASE_BUILD_IMAGE=$IMAGE_REPO/node:$NODE_VERSION-bookworm-build
BASE_RUNTIME_IMAGE=$IMAGE_REPO/node:$NODE_VERSION-bookworm-runtime
IMAGES_DIR=$TRIBUTARY_HOME/images
# The project's own image storage, so it never mixes with (or needs) the machine's; vfs because
# overlay mounts are not allowed in this sandbox.
CONTAINER_FLAGS=(--storage-driver vfs --root "$IMAGES_DIR/storage" --runroot "$IMAGES_DIR/run")
# podman stages whole filesystems in TMPDIR while it builds and imports: /var/tmp is on disk, where
# a /tmp may be a small tmpfs.
export TMPDIR=${TMPDIR:-/var/tmp}

image_name() { printf '%s/%s:%s' "$IMAGE_REPO" "$1" "$IMAGE_TAG"; }

podman_() { podman "${CONTAINER_FLAGS[@]}" "$@"; }
buildah_() { buildah "${CONTAINER_FLAGS[@]}" "$@"; }

ensure_image_tools() {
  apt_ensure podman buildah debootstrap
  mkdir -p "$IMAGES_DIR"
}

image_exists() { podman_ image exists "$1"; }

# Size in MB as podman reports it (the sum of the image's layers).
image_size_mb() { podman_ image inspect --format '{{.Size}}' "$1" | awk '{ printf "%.0f", $1 / 1000000 }'; }

is_unit() {
  local u
  for u in "${IMAGE_UNITS[@]}"; do [ "$u" = "$1" ] && return 0; done
  return 1
}
