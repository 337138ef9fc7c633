# Placeholder until written.
schema_registry_install() { :; }
schema_registry_start() { :; }
schema_registry_ready() { return 1; }
schema_registry_version() { echo -; }
schema_registry_endpoint() { echo -; }
schema_registry_env() { :; }
