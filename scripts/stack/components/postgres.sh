# PostgreSQL 15 from Debian's packages, in a cluster of its own under the stack folder.
# Postgres refuses to run as root, so under root it runs as the `postgres` account that Debian's
# package creates; otherwise as the current user.
POSTGRES_BIN=/usr/lib/postgresql/15/bin
POSTGRES_DATA=$DATA_DIR/postgres
POSTGRES_SOCKET_DIR=$STACK_DIR/run/postgres-socket
POSTGRES_ROLE=tributary

# The command prefix that runs a program as the cluster's owner (empty when not root).
postgres_owner_prefix() {
  if [ "$(id -u)" -eq 0 ]; then echo setpriv --reuid=postgres --regid=postgres --init-groups --; fi
}
postgres_as_owner() { $(postgres_owner_prefix) "$@"; }

postgres_install() {
  apt_ensure postgresql-15 postgresql-client-15
  mkdir -p "$POSTGRES_SOCKET_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    ensure_traversable_by postgres "$STACK_DIR"
    chown postgres:postgres "$POSTGRES_SOCKET_DIR"
  fi
  if [ ! -f "$POSTGRES_DATA/PG_VERSION" ]; then
    log "initialising the Postgres cluster in $POSTGRES_DATA"
    mkdir -p "$POSTGRES_DATA"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$POSTGRES_DATA"
    postgres_as_owner "$POSTGRES_BIN/initdb" -D "$POSTGRES_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  fi
  POSTGRES_SOCKET_DIR=$POSTGRES_SOCKET_DIR render "$DEPLOY_DIR/postgres/postgresql.conf" "$CONF_DIR/postgresql.conf"
  cp "$DEPLOY_DIR/postgres/pg_hba.conf" "$CONF_DIR/pg_hba.conf"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$CONF_DIR/postgresql.conf" "$CONF_DIR/pg_hba.conf"
  return 0
}

postgres_start() {
  # shellcheck disable=SC2046 # the prefix is several words on purpose
  start_daemon postgres $(postgres_owner_prefix) "$POSTGRES_BIN/postgres" -D "$POSTGRES_DATA" \
    -c config_file="$CONF_DIR/postgresql.conf" -c hba_file="$CONF_DIR/pg_hba.conf"
}

# The role (its password kept in sync with the stack's secret) and the database, on every up.
postgres_configure() {
  postgres_psql postgres -c "DO \$\$BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$POSTGRES_ROLE') THEN
      CREATE ROLE $POSTGRES_ROLE LOGIN SUPERUSER;
    END IF; END\$\$;" >/dev/null
  postgres_psql postgres -c "ALTER ROLE $POSTGRES_ROLE PASSWORD '$(stack_secret postgres)'" >/dev/null
  postgres_psql postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'tributary'" | grep -q 1 ||
    postgres_psql postgres -c "CREATE DATABASE tributary OWNER $POSTGRES_ROLE" >/dev/null
}

# psql over the stack's socket as the cluster's superuser.
postgres_psql() {
  local db=$1; shift
  postgres_as_owner "$POSTGRES_BIN/psql" -X -q -h "$POSTGRES_SOCKET_DIR" -p "$TRIBUTARY_POSTGRES_PORT" -U postgres -d "$db" "$@"
}

postgres_ready() { "$POSTGRES_BIN/pg_isready" -q -h 127.0.0.1 -p "$TRIBUTARY_POSTGRES_PORT"; }
postgres_version() { "$POSTGRES_BIN/postgres" --version | awk '{print "PostgreSQL " $3}'; }
postgres_endpoint() { echo "postgresql://127.0.0.1:$TRIBUTARY_POSTGRES_PORT/tributary"; }
postgres_env() {
  echo "DATABASE_URL=postgresql://$POSTGRES_ROLE:$(stack_secret postgres)@127.0.0.1:$TRIBUTARY_POSTGRES_PORT/tributary"
}
