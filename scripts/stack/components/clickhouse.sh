# ClickHouse server from Debian's packages (18.16) on a project-owned config.
CLICKHOUSE_DATA=$DATA_DIR/clickhouse

clickhouse_install() {
  apt_ensure clickhouse-server clickhouse-client
  mkdir -p "$CLICKHOUSE_DATA"/{tmp,user_files,format_schemas}
  CLICKHOUSE_DATA=$CLICKHOUSE_DATA CLICKHOUSE_CONF=$CONF_DIR/clickhouse \
    render "$DEPLOY_DIR/clickhouse/config.xml" "$CONF_DIR/clickhouse/config.xml"
  CLICKHOUSE_PASSWORD=$(stack_secret clickhouse) CLICKHOUSE_API_PASSWORD=$(stack_secret clickhouse-api) \
    render "$DEPLOY_DIR/clickhouse/users.xml" "$CONF_DIR/clickhouse/users.xml"
  chmod 600 "$CONF_DIR/clickhouse/users.xml"
}
clickhouse_start() {
  # Run from its conf folder: the server writes preprocessed copies of its config next to it.
  (cd "$CONF_DIR/clickhouse" && start_daemon clickhouse /usr/sbin/clickhouse-server --config-file="$CONF_DIR/clickhouse/config.xml")
}
clickhouse_configure() {
  clickhouse-client --port "$TRIBUTARY_CLICKHOUSE_TCP_PORT" -q 'CREATE DATABASE IF NOT EXISTS tributary'
}
clickhouse_ready() { [ "$(curl -fsS "http://127.0.0.1:$TRIBUTARY_CLICKHOUSE_HTTP_PORT/ping" 2>/dev/null)" = Ok. ]; }
clickhouse_version() {
  echo "ClickHouse $(curl -fsS "http://127.0.0.1:$TRIBUTARY_CLICKHOUSE_HTTP_PORT/?query=SELECT%20version()")"
}
clickhouse_endpoint() { echo "http://127.0.0.1:$TRIBUTARY_CLICKHOUSE_HTTP_PORT (native :$TRIBUTARY_CLICKHOUSE_TCP_PORT)"; }
clickhouse_env() {
  echo "CLICKHOUSE_URL=http://127.0.0.1:$TRIBUTARY_CLICKHOUSE_HTTP_PORT"
  echo "CLICKHOUSE_TCP_PORT=$TRIBUTARY_CLICKHOUSE_TCP_PORT"
  echo "CLICKHOUSE_USER=tributary"
  echo "CLICKHOUSE_PASSWORD=$(stack_secret clickhouse)"
  echo "CLICKHOUSE_DATABASE=tributary"
  # The gateway's read-only user (profile api_reader in deploy/clickhouse/users.xml).
  echo "CLICKHOUSE_API_USER=tributary_api"
  echo "CLICKHOUSE_API_PASSWORD=$(stack_secret clickhouse-api)"
}
