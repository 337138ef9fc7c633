#!/usr/bin/env bash
# Runs Tributary's own services on this machine, next to the local stack: each as a background
# process with a pid file (stopped by pid, never by name), its log in .tributary/stack/logs, and
# its readiness (/health/ready) waited for. Usage: scripts/services.sh up|down|status
set -euo pipefail
source "$(dirname "$0")/stack/lib.sh"
use_project_node
export SWC_NODE_PROJECT=$TRIBUTARY_ROOT/tsconfig.base.json

export TRIBUTARY_SENSOR_INGEST_HTTP_PORT=${TRIBUTARY_SENSOR_INGEST_HTTP_PORT:-3101}
export TRIBUTARY_SENSOR_INGEST_RPC_PORT=${TRIBUTARY_SENSOR_INGEST_RPC_PORT:-3102}
export TRIBUTARY_ANALYTICS_PROJECTOR_HTTP_PORT=${TRIBUTARY_ANALYTICS_PROJECTOR_HTTP_PORT:-3201}
export TRIBUTARY_GATEWAY_PORT=${TRIBUTARY_GATEWAY_PORT:-3000}
# The gateway's /metrics (loopback), beside its public port.
export TRIBUTARY_GATEWAY_OPS_PORT=${TRIBUTARY_GATEWAY_OPS_PORT:-$((TRIBUTARY_GATEWAY_PORT + 1))}
export TRIBUTARY_FILE_INGEST_HTTP_PORT=${TRIBUTARY_FILE_INGEST_HTTP_PORT:-3401}
export TRIBUTARY_DIRECTORY_PROJECTOR_HTTP_PORT=${TRIBUTARY_DIRECTORY_PROJECTOR_HTTP_PORT:-3501}
# Files dropped here are ingested (dataset recognised from their columns) and moved to .done/.
export TRIBUTARY_INBOX_DIR=${TRIBUTARY_INBOX_DIR:-$TRIBUTARY_HOME/inbox}
SERVICES=(analytics-projector directory-projector sensor-ingest file-ingest gateway)
# source (default): the TypeScript under swc's runtime, as the tests run it; built: each service's
# production build (deploy/build/build.js), compiled JS under plain node, as its image runs it.
RUN_MODE=${TRIBUTARY_RUN:-source}
case $RUN_MODE in
  source | built) ;;
  *) die "TRIBUTARY_RUN must be source or built, not '$RUN_MODE'" ;;
esac

# The local admin account: generated on first use, kept in a file only this user can read.
ADMIN_CREDENTIALS_FILE=$TRIBUTARY_HOME/admin-credentials.env
admin_credentials() {
  if [ ! -s "$ADMIN_CREDENTIALS_FILE" ]; then
    (
      umask 077
      printf 'TRIBUTARY_ADMIN_EMAIL=admin@tributary.local\nTRIBUTARY_ADMIN_PASSWORD=%s\n' \
        "$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')" > "$ADMIN_CREDENTIALS_FILE"
    )
    log "generated the local admin's credentials in $ADMIN_CREDENTIALS_FILE"
  fi
  grep '^TRIBUTARY_ADMIN_' "$ADMIN_CREDENTIALS_FILE"
}

# The environment each service runs with, on top of the stack's endpoints (stack.env).
service_env() {
  case $1 in
    analytics-projector)
      echo "HTTP_PORT=$TRIBUTARY_ANALYTICS_PROJECTOR_HTTP_PORT"
      echo "PROJECTOR_GROUP_ID=analytics-projector"
      ;;
    directory-projector)
      echo "HTTP_PORT=$TRIBUTARY_DIRECTORY_PROJECTOR_HTTP_PORT"
      echo "DIRECTORY_GROUP_ID=directory-projector"
      ;;
    sensor-ingest)
      echo "HTTP_PORT=$TRIBUTARY_SENSOR_INGEST_HTTP_PORT"
      echo "RPC_PORT=$TRIBUTARY_SENSOR_INGEST_RPC_PORT"
      # The gateway's SERVICE_CREDENTIAL: the RPC port refuses any message without it.
      echo "SERVICE_CREDENTIAL=$(stack_secret service-credential)"
      # The API reads ClickHouse as its read-only user, with result and time limits.
      echo "CLICKHOUSE_USER=tributary_api"
      echo "CLICKHOUSE_PASSWORD=$(stack_secret clickhouse-api)"
      echo "PUBLISH_TIMEOUT_MS=5000"
      ;;
    file-ingest)
      echo "HTTP_PORT=$TRIBUTARY_FILE_INGEST_HTTP_PORT"
      echo "FILE_INGEST_GROUP_ID=file-ingest"
      echo "INBOX_DIR=$TRIBUTARY_INBOX_DIR"
      # The stack's SFTP server: files put in its incoming/ folder are fetched once and ingested.
      echo "SFTP_FOLDERS=incoming=auto"
      ;;
    gateway)
      echo "HTTP_PORT=$TRIBUTARY_GATEWAY_PORT"
      echo "OPS_PORT=$TRIBUTARY_GATEWAY_OPS_PORT"
      echo "SENSOR_INGEST_ADDRESS=127.0.0.1:$TRIBUTARY_SENSOR_INGEST_RPC_PORT"
      echo "JWT_PRIVATE_KEY_FILE=$(stack_signing_key gateway-jwt)"
      echo "SERVICE_CREDENTIAL=$(stack_secret service-credential)"
      # A local stack is a development one: anyone may sign up (as an analyst).
      echo "REGISTRATION=open"
      # Generous ingest and query limits locally, so a benchmark measures the pipeline, not them;
      # the bank client routes (10 a minute) and anonymous callers (100 a minute) keep theirs.
      echo "RATE_LIMITS=${TRIBUTARY_GATEWAY_RATE_LIMITS:-auth=20/60s,ingest=10000/1s,query=10000/1s}"
      echo "PRINCIPAL_RATE_LIMITS=${TRIBUTARY_GATEWAY_PRINCIPAL_RATE_LIMITS:-account=1000000/60s,ingest=10000000/60s}"
      admin_credentials
      ;;
  esac
}

# A numeric ENV the images set, from the Dockerfile (`ENV NAME=123`, alone or continued).
dockerfile_env() { sed -n "s/^\(ENV \)\? *$1=\([0-9]*\).*/\2/p" "$TRIBUTARY_ROOT/deploy/docker/Dockerfile"; }
service_port() { service_env "$1" | sed -n 's/^HTTP_PORT=//p'; }
service_ready() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$(service_port "$1")/health/ready"; }

up() {
  [ -f "$STACK_ENV_FILE" ] || die "the stack is not up: run scripts/stack/up.sh first"
  mkdir -p "$TRIBUTARY_INBOX_DIR" "$(sed -n 's/^SFTP_ROOT=//p' "$STACK_ENV_FILE")/incoming"
  # The gateway serves the web console's built files (CONSOLE_DIR, default dist/console).
  node "$TRIBUTARY_ROOT/services/console/build.js" >&2
  local s
  for s in "${SERVICES[@]}"; do
    if is_running "$s"; then
      log "$s already running (pid $(recorded_pid "$s"))"
    else
      log "starting $s"
      # Credentials reach the process through its environment, read from a file only this user
      # can read, never through its command line (which every local user can see).
      local env_file=$RUN_DIR/$s.env
      (umask 077 && { grep -v '^#' "$STACK_ENV_FILE"; service_env "$s"; echo LOG_LEVEL=info; } > "$env_file")
      # The unit's V8 heap flags, as its image has them (deploy/build/build.js);
      # TRIBUTARY_NODE_HEAP_OPTIONS replaces them, set empty to measure without them.
      local heap
      heap=${TRIBUTARY_NODE_HEAP_OPTIONS-$(node -p "require('$TRIBUTARY_ROOT/deploy/build/build.js').NODE_HEAP_OPTIONS['$s'] ?? ''")}
      # glibc's malloc as the images set it (the Dockerfile's ENV MALLOC_ARENA_MAX and
      # MALLOC_MMAP_THRESHOLD_); the caller's environment wins.
      local arenas mmap_threshold
      arenas=${MALLOC_ARENA_MAX:-$(dockerfile_env MALLOC_ARENA_MAX)}
      mmap_threshold=${MALLOC_MMAP_THRESHOLD_:-$(dockerfile_env MALLOC_MMAP_THRESHOLD_)}
      if [ "$RUN_MODE" = built ]; then
        node "$TRIBUTARY_ROOT/deploy/build/build.js" "$s" >&2
        # Outside an image the build's packages resolve from the workspace's node_modules above it.
        start_daemon "$s" env MALLOC_ARENA_MAX="$arenas" MALLOC_MMAP_THRESHOLD_="$mmap_threshold" \
          bash -c 'set -a && source "$1" && set +a && exec node $3 "$2"' \
          "$s" "$env_file" "$TRIBUTARY_ROOT/dist/images/$s" "$heap"
      else
        start_daemon "$s" env MALLOC_ARENA_MAX="$arenas" MALLOC_MMAP_THRESHOLD_="$mmap_threshold" \
          bash -c 'set -a && source "$1" && set +a && exec node $3 -r @swc-node/register "$2"' \
          "$s" "$env_file" "$TRIBUTARY_ROOT/services/$s/src/main.ts" "$heap"
      fi
    fi
    if ! wait_until "$s" 120 service_ready "$s"; then
      tail -n 20 "$LOG_DIR/$s.log" >&2 || true
      die "$s did not become ready; its log is $LOG_DIR/$s.log"
    fi
  done
  status
}

down() {
  local i s
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    s=${SERVICES[$i]}
    if is_running "$s"; then
      log "stopping $s (pid $(recorded_pid "$s"))"
      stop_daemon "$s"
    fi
    rm -f "$RUN_DIR/$s.env"
  done
}

status() {
  local s
  printf '%-20s %-8s %-8s %s\n' SERVICE STATE PID HEALTH
  for s in "${SERVICES[@]}"; do
    if pid=$(recorded_pid "$s") && service_ready "$s"; then
      printf '%-20s %-8s %-8s %s\n' "$s" up "$pid" "http://127.0.0.1:$(service_port "$s")/health/ready"
    else
      printf '%-20s %-8s %-8s %s\n' "$s" down - -
    fi
  done
}

case "${1:-}" in
  up | down | status) "$1" ;;
  *) die "usage: scripts/services.sh up|down|status" ;;
esac
