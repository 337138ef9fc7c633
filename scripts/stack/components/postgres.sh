# Placeholder until written.
postgres_install() { :; }
postgres_start() { :; }
postgres_ready() { return 1; }
postgres_version() { echo -; }
postgres_endpoint() { echo -; }
postgres_env() { :; }
