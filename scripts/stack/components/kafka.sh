# Apache Kafka from Maven Central's jars (deploy/kafka/pom.xml pins the version), one KRaft node that
# is broker and controller at once, run straight on the JVM so the recorded pid is the JVM itself.
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$DEPLOY_DIR/kafka/pom.xml")
KAFKA_LIBS=$TOOLCHAIN_DIR/kafka-$KAFKA_VERSION/libs
KAFKA_DATA=$DATA_DIR/kafka
KAFKA_LOG_DIR=$KAFKA_DATA/logs
KAFKA_CONF=$CONF_DIR/kafka.properties
KAFKA_LOG4J=$CONF_DIR/kafka-log4j.properties
KAFKA_TOOLS_LOG4J=$CONF_DIR/kafka-tools-log4j.properties

# Runs one of Kafka's command-line tools (a class with a main) on its jars, logging to stderr.
kafka_java() { java "-Dlog4j.configuration=file:$KAFKA_TOOLS_LOG4J" -cp "$KAFKA_LIBS/*" "$@"; }

kafka_install() {
  command -v java >/dev/null && command -v mvn >/dev/null || die "kafka needs Java 17 and Maven on PATH"
  if [ ! -d "$KAFKA_LIBS" ]; then
    log "fetching Apache Kafka $KAFKA_VERSION's jars from Maven Central"
    # Copied aside and moved into place whole, so an interrupted download is never mistaken for
    # a finished one.
    rm -rf "$KAFKA_LIBS.tmp"
    # Maven's output goes to a log of its own: even -q leaves colour codes on the terminal.
    mvn -B -f "$DEPLOY_DIR/kafka/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$KAFKA_LIBS.tmp" > "$LOG_DIR/kafka-maven.log" 2>&1 ||
      { tail -n 30 "$LOG_DIR/kafka-maven.log" >&2; die "fetching Kafka's jars failed; see $LOG_DIR/kafka-maven.log"; }
    mv "$KAFKA_LIBS.tmp" "$KAFKA_LIBS"
  fi
  KAFKA_LOG_DIR=$KAFKA_LOG_DIR render "$DEPLOY_DIR/kafka/server.properties" "$KAFKA_CONF"
  render "$DEPLOY_DIR/kafka/log4j.properties" "$KAFKA_LOG4J"
  render "$DEPLOY_DIR/kafka/tools-log4j.properties" "$KAFKA_TOOLS_LOG4J"
  # KRaft refuses to start on unformatted storage. The cluster id is kept beside it so a
  # reformat (after deleting the log folder) keeps the same id.
  if [ ! -f "$KAFKA_LOG_DIR/meta.properties" ]; then
    mkdir -p "$KAFKA_DATA"
    [ -s "$KAFKA_DATA/cluster-id" ] || kafka_java kafka.tools.StorageTool random-uuid > "$KAFKA_DATA/cluster-id"
    local cluster_id
    cluster_id=$(cat "$KAFKA_DATA/cluster-id")
    # The formatter takes any string as an id, stray output included; a Kafka Uuid is 22 characters.
    [[ $cluster_id =~ ^[A-Za-z0-9_-]{22}$ ]] || die "$KAFKA_DATA/cluster-id holds no cluster id; delete it and rerun"
    log "formatting Kafka's storage in $KAFKA_LOG_DIR"
    kafka_java kafka.tools.StorageTool format --config "$KAFKA_CONF" --cluster-id "$cluster_id" >/dev/null
  fi
}

kafka_start() {
  # The log is appended to across runs: ready only trusts what this run wrote after this offset.
  stat -c %s "$LOG_DIR/kafka.log" 2>/dev/null > "$RUN_DIR/kafka.log-offset" || echo 0 > "$RUN_DIR/kafka.log-offset"
  start_daemon kafka java -Xms256m -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExitOnOutOfMemoryError "-XX:ErrorFile=$LOG_DIR/kafka-hs_err_%p.log" -Djava.awt.headless=true \
    "-Dlog4j.configuration=file:$KAFKA_LOG4J" -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONF"
}

# The port opens early in start-up, before requests are served; "Kafka Server started" comes once
# the broker is unfenced, that is, once it accepts produce requests.
kafka_ready() {
  local offset
  port_open "$TRIBUTARY_KAFKA_PORT" && read -r offset < "$RUN_DIR/kafka.log-offset" &&
    grep -q 'Kafka Server started' < <(tail -c +"$((offset + 1))" "$LOG_DIR/kafka.log")
}
kafka_version() { echo "Apache Kafka $KAFKA_VERSION"; }
kafka_endpoint() { echo "127.0.0.1:$TRIBUTARY_KAFKA_PORT"; }
kafka_env() { echo "KAFKA_BROKERS=127.0.0.1:$TRIBUTARY_KAFKA_PORT"; }
