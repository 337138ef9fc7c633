# Sourced by the stack scripts: the component contract and the process helpers they share.
#
# A component is scripts/stack/components/<name>.sh defining, with <name> in snake_case:
#   <name>_install   idempotent; installs what the component needs (apt, Maven, Go) and its config
#   <name>_start     starts the server through start_daemon (only called when it is not running)
#   <name>_configure optional; run after every successful up (roles, databases), idempotent
#   <name>_ready     exit 0 once the server answers
#   <name>_version   one line: what is running
#   <name>_endpoint  one line: where it listens, for people
#   <name>_env       KEY=value lines other programs use to reach it (collected in stack.env)
source "$(dirname "${BASH_SOURCE[0]}")/../lib/env.sh"

STACK_DIR=$TRIBUTARY_HOME/stack
RUN_DIR=$STACK_DIR/run
LOG_DIR=$STACK_DIR/logs
DATA_DIR=$STACK_DIR/data
CONF_DIR=$STACK_DIR/conf
STACK_ENV_FILE=$TRIBUTARY_HOME/stack.env
DEPLOY_DIR=$TRIBUTARY_ROOT/deploy
# Start order matters: the schema registry keeps its schemas in Postgres.
STACK_COMPONENTS=(postgres redis clickhouse kafka schema-registry sftp object-store)

# Ports are the project's own, away from the defaults, so a stack on this machine never collides
# with a system service; each can be moved with its environment variable.
export TRIBUTARY_POSTGRES_PORT=${TRIBUTARY_POSTGRES_PORT:-15432}
export TRIBUTARY_REDIS_PORT=${TRIBUTARY_REDIS_PORT:-16379}
export TRIBUTARY_CLICKHOUSE_HTTP_PORT=${TRIBUTARY_CLICKHOUSE_HTTP_PORT:-18123}
export TRIBUTARY_CLICKHOUSE_TCP_PORT=${TRIBUTARY_CLICKHOUSE_TCP_PORT:-19000}
export TRIBUTARY_KAFKA_PORT=${TRIBUTARY_KAFKA_PORT:-19092}
export TRIBUTARY_KAFKA_CONTROLLER_PORT=${TRIBUTARY_KAFKA_CONTROLLER_PORT:-19093}
export TRIBUTARY_SCHEMA_REGISTRY_PORT=${TRIBUTARY_SCHEMA_REGISTRY_PORT:-18081}
export TRIBUTARY_SFTP_PORT=${TRIBUTARY_SFTP_PORT:-12222}
export TRIBUTARY_OBJECT_STORE_PORT=${TRIBUTARY_OBJECT_STORE_PORT:-19555}

mkdir -p "$RUN_DIR" "$LOG_DIR" "$DATA_DIR" "$CONF_DIR"

fn_name() { printf '%s' "${1//-/_}"; }

# Starts a long-running foreground process in its own session, recording its pid and its start
# time (field 22 of /proc/<pid>/stat), so a later stop never signals a recycled pid.
start_daemon() {
  local name=$1; shift
  setsid "$@" >>"$LOG_DIR/$name.log" 2>&1 < /dev/null &
  local pid=$!
  printf '%s %s\n' "$pid" "$(proc_start_time "$pid")" > "$RUN_DIR/$name.pid"
}

proc_start_time() { awk '{print $22}' "/proc/$1/stat" 2>/dev/null; }

# The pid recorded for a component, printed only while that very process is alive.
recorded_pid() {
  local file=$RUN_DIR/$1.pid pid started
  [ -f "$file" ] || return 1
  read -r pid started < "$file"
  [ -n "$pid" ] && [ -d "/proc/$pid" ] && [ "$(proc_start_time "$pid")" = "$started" ] || return 1
  printf '%s' "$pid"
}

is_running() { recorded_pid "$1" >/dev/null; }

stop_daemon() {
  local name=$1 pid
  if ! pid=$(recorded_pid "$name"); then rm -f "$RUN_DIR/$name.pid"; return 0; fi
  # The whole session goes: wrappers (JVM launchers, setpriv) and whatever they spawned.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 120); do
    [ -d "/proc/$pid" ] || break
    sleep 0.25
  done
  if [ -d "/proc/$pid" ]; then
    log "$name did not stop within 30 s; killing it"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN_DIR/$name.pid"
}

# wait_until <what> <seconds> <command...>: polls until the command succeeds.
wait_until() {
  local what=$1 timeout=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then return 1; fi
    sleep 0.5
  done
}

# Installs Debian packages that are missing; apt-get update runs at most once per call of up.
APT_UPDATED=${APT_UPDATED:-}
apt_ensure() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  # Another apt run on the machine holds dpkg's lock for a while: wait for it instead of failing.
  if [ -z "$APT_UPDATED" ]; then as_root apt-get -o DPkg::Lock::Timeout=300 update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Renders a template from deploy/ into the stack's conf folder, replacing @@NAME@@ with $NAME.
render() {
  local src=$1 dest=$2
  mkdir -p "$(dirname "$dest")"
  perl -pe 's/@@([A-Z0-9_]+)@@/exists $ENV{$1} ? $ENV{$1} : die "unset template variable $1\n"/ge' "$src" > "$dest.tmp"
  mv "$dest.tmp" "$dest"
}

# A server run by root must still drop to a service account for some programs (Postgres refuses
# root). That account needs to reach the state folder: grant traverse (x) on the ancestors that
# deny it, and say so.
ensure_traversable_by() {
  local user=$1 dir=$2
  while [ "$dir" != "/" ]; do
    if ! setpriv --reuid="$user" --regid="$user" --init-groups test -x "$dir" 2>/dev/null; then
      log "granting o+x on $dir so that '$user' can reach the stack's state"
      as_root chmod o+x "$dir"
    fi
    dir=$(dirname "$dir")
  done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A credential of the local stack, generated once on this machine and kept in the stack's conf
# folder (mode 600), so no password is written in the repository.
stack_secret() {
  local file=$CONF_DIR/secrets/$1
  if [ ! -s "$file" ]; then
    mkdir -p "$CONF_DIR/secrets" && chmod 700 "$CONF_DIR/secrets"
    (umask 077 && head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$file")
  fi
  cat "$file"
}

# The local gateway's token signing key (RSA, PEM), generated once like the credentials above;
# prints the file's path (the gateway reads it as JWT_PRIVATE_KEY_FILE).
stack_signing_key() {
  local file=$CONF_DIR/secrets/$1.pem
  if [ ! -s "$file" ]; then
    mkdir -p "$CONF_DIR/secrets" && chmod 700 "$CONF_DIR/secrets"
    (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$file" 2>/dev/null)
  fi
  echo "$file"
}

for _component in "${STACK_COMPONENTS[@]}"; do
  source "$(dirname "${BASH_SOURCE[0]}")/components/$_component.sh"
done
unset _component
