#!/usr/bin/env bash
# Installs the tools the deployment checks (deploy/, `nx test deploy`) run: kustomize, built with Go
# from the version pinned in deploy/kustomize/go.mod, into .tributary/toolchain. Safe to rerun:
# nothing happens when that version is already built. Prints the binary's path.
# (The Kubernetes schemas the rendered objects are validated against ship inside the
# kubernetes-models npm package: nothing is fetched when the checks run.)
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"

KUSTOMIZE_MODULE=sigs.k8s.io/kustomize/kustomize/v5
KUSTOMIZE_VERSION=$(awk -v m="$KUSTOMIZE_MODULE" '$1 == m { print $2 } $1 == "require" && $2 == m { print $3 }' \
  "$TRIBUTARY_ROOT/deploy/kustomize/go.mod")
[ -n "$KUSTOMIZE_VERSION" ] || die "deploy/kustomize/go.mod does not pin $KUSTOMIZE_MODULE"
KUSTOMIZE_BIN=$TOOLCHAIN_DIR/kustomize-$KUSTOMIZE_VERSION/kustomize

if [ ! -x "$KUSTOMIZE_BIN" ]; then
  command -v go >/dev/null || die "kustomize is built with Go, which is not on PATH"
  log "building kustomize $KUSTOMIZE_VERSION with Go (a minute or two, once)"
  mkdir -p "$(dirname "$KUSTOMIZE_BIN")"
  build_log=$(mktemp)
  # The machine's own Go: the pinned version builds with Go 1.26.
  if ! (cd "$TRIBUTARY_ROOT/deploy/kustomize" &&
    GOTOOLCHAIN=local go build -buildvcs=false -trimpath -o "$KUSTOMIZE_BIN.tmp" "$KUSTOMIZE_MODULE") \
    > "$build_log" 2>&1; then
    tail -n 30 "$build_log" >&2
    die "building kustomize failed"
  fi
  rm -f "$build_log"
  mv "$KUSTOMIZE_BIN.tmp" "$KUSTOMIZE_BIN"
fi
printf '%s\n' "$KUSTOMIZE_BIN"
