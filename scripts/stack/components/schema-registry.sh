# AxonOps Schema Registry: Confluent's REST API v1, built from its Go module because Confluent's own
# registry is not on Maven Central (docs/adr/0001-schema-registry.md). It keeps its schemas in the
# stack's Postgres, so Postgres starts first.
SCHEMA_REGISTRY_MODULE=github.com/axonops/axonops-schema-registry
# The version pinned in deploy/schema-registry/go.mod, whether on a `require` line or in a block.
SCHEMA_REGISTRY_VERSION=$(awk -v m="$SCHEMA_REGISTRY_MODULE" '$1 == m { print $2 } $1 == "require" && $2 == m { print $3 }' \
  "$DEPLOY_DIR/schema-registry/go.mod")
SCHEMA_REGISTRY_BIN=$TOOLCHAIN_DIR/schema-registry-$SCHEMA_REGISTRY_VERSION/schema-registry
SCHEMA_REGISTRY_URL=http://127.0.0.1:$TRIBUTARY_SCHEMA_REGISTRY_PORT

schema_registry_install() {
  if [ ! -x "$SCHEMA_REGISTRY_BIN" ]; then
    command -v go >/dev/null || die "the schema registry is built with Go, which is not on PATH"
    log "building AxonOps Schema Registry $SCHEMA_REGISTRY_VERSION with Go (a minute or two)"
    mkdir -p "$(dirname "$SCHEMA_REGISTRY_BIN")"
    # Built through deploy/schema-registry's module because `go install …@version` needs a version
    # list the module proxy refuses; -X stamps the version the binary reports (it says "dev"
    # otherwise); no VCS stamping, since the main module is this repository's folder.
    (cd "$DEPLOY_DIR/schema-registry" &&
      go build -buildvcs=false -trimpath -ldflags "-X main.version=$SCHEMA_REGISTRY_VERSION" \
        -o "$SCHEMA_REGISTRY_BIN.tmp" "$SCHEMA_REGISTRY_MODULE/cmd/schema-registry") \
      > "$LOG_DIR/schema-registry-build.log" 2>&1 ||
      { tail -n 30 "$LOG_DIR/schema-registry-build.log" >&2; die "building the schema registry failed; see $LOG_DIR/schema-registry-build.log"; }
    mv "$SCHEMA_REGISTRY_BIN.tmp" "$SCHEMA_REGISTRY_BIN"
  fi
  POSTGRES_PASSWORD=$(stack_secret postgres) \
    render "$DEPLOY_DIR/schema-registry/config.yaml" "$CONF_DIR/schema-registry.yaml"
  chmod 600 "$CONF_DIR/schema-registry.yaml"
}

# psql against the stack's Postgres as the local stack's superuser role.
schema_registry_psql() {
  psql -X -q -v ON_ERROR_STOP=1 \
    "postgresql://tributary:$(stack_secret postgres)@127.0.0.1:$TRIBUTARY_POSTGRES_PORT/tributary" "$@"
}

schema_registry_start() {
  postgres_ready || die "the schema registry keeps its schemas in Postgres; start it first: scripts/stack/up.sh postgres"
  # The registry creates its tables but not its database.
  [ "$(schema_registry_psql -tAc "SELECT 1 FROM pg_database WHERE datname = 'schema_registry'")" = 1 ] ||
    schema_registry_psql -c "CREATE DATABASE schema_registry"
  start_daemon schema-registry "$SCHEMA_REGISTRY_BIN" --config "$CONF_DIR/schema-registry.yaml"
}

# /subjects reads from Postgres, so a 200 means the storage works too, not only the HTTP server.
schema_registry_ready() { curl -fsS -o /dev/null --max-time 2 "$SCHEMA_REGISTRY_URL/subjects"; }
schema_registry_version() {
  "$SCHEMA_REGISTRY_BIN" --version | awk '{ print "AxonOps Schema Registry", $2 }'
}
schema_registry_endpoint() { echo "$SCHEMA_REGISTRY_URL"; }
schema_registry_env() { echo "SCHEMA_REGISTRY_URL=$SCHEMA_REGISTRY_URL"; }
