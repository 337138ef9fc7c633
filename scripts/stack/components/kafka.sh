# Placeholder until written.
kafka_install() { :; }
kafka_start() { :; }
kafka_ready() { return 1; }
kafka_version() { echo -; }
kafka_endpoint() { echo -; }
kafka_env() { :; }
