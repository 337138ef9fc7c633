# Sourced by every project script: where things live and which toolchain runs them.
# Everything the project installs or runs keeps its state under $TRIBUTARY_HOME (gitignored).
TRIBUTARY_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TRIBUTARY_HOME=${TRIBUTARY_HOME:-$TRIBUTARY_ROOT/.tributary}
TOOLCHAIN_DIR=$TRIBUTARY_HOME/toolchain
NODE_VERSION=$(tr -d ' \n' < "$TRIBUTARY_ROOT/.nvmrc")
# npm itself is pinned too, so the lockfile is always written by the same client.
NPM_VERSION=11.21.2
NODE_HOME=$TOOLCHAIN_DIR/node-$NODE_VERSION
export TRIBUTARY_ROOT TRIBUTARY_HOME TOOLCHAIN_DIR NODE_VERSION NPM_VERSION NODE_HOME

log() { printf '\033[1m[tributary]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[tributary] error:\033[0m %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Puts the project's Node (and the npm pinned for it) first on PATH. Native add-ons are built
# against the same Node's headers, whatever ~/.npmrc says.
use_project_node() {
  export PATH="$NODE_HOME/bin:$TRIBUTARY_ROOT/node_modules/.bin:$PATH"
  export npm_config_nodedir="$NODE_HOME"
  export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false
}
