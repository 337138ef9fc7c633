# Placeholder until written.
clickhouse_install() { :; }
clickhouse_start() { :; }
clickhouse_ready() { return 1; }
clickhouse_version() { echo -; }
clickhouse_endpoint() { echo -; }
clickhouse_env() { :; }
