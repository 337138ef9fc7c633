# An S3-compatible object store: S3Proxy (org.gaul:s3proxy, its all-in-one jar from Maven Central)
# over a folder, for the landing store's S3 adapter. Real S3 semantics (signatures, multipart
# uploads, copy), no cloud account; Kubernetes and compose point the same adapter at any S3.
S3PROXY_VERSION=4.1.0
S3PROXY_JAR=$TOOLCHAIN_DIR/s3proxy-$S3PROXY_VERSION/s3proxy.jar
OBJECT_STORE_DATA=$DATA_DIR/object-store

object_store_install() {
  command -v java >/dev/null && command -v mvn >/dev/null || die "object-store needs Java 17 and Maven on PATH"
  if [ ! -s "$S3PROXY_JAR" ]; then
    log "fetching S3Proxy $S3PROXY_VERSION from Maven Central"
    rm -rf "$(dirname "$S3PROXY_JAR").tmp" && mkdir -p "$(dirname "$S3PROXY_JAR").tmp"
    mvn -B dependency:copy "-Dartifact=org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" \
      "-DoutputDirectory=$(dirname "$S3PROXY_JAR").tmp" > "$LOG_DIR/object-store-maven.log" 2>&1 ||
      { tail -n 30 "$LOG_DIR/object-store-maven.log" >&2; die "fetching S3Proxy failed; see $LOG_DIR/object-store-maven.log"; }
    mv "$(dirname "$S3PROXY_JAR").tmp/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar" \
      "$(dirname "$S3PROXY_JAR").tmp/s3proxy.jar"
    rm -rf "$(dirname "$S3PROXY_JAR")" && mv "$(dirname "$S3PROXY_JAR").tmp" "$(dirname "$S3PROXY_JAR")"
  fi
  mkdir -p "$OBJECT_STORE_DATA"
  OBJECT_STORE_SECRET=$(stack_secret object-store) OBJECT_STORE_DATA=$OBJECT_STORE_DATA \
    render "$DEPLOY_DIR/object-store/s3proxy.properties" "$CONF_DIR/s3proxy.properties"
  chmod 600 "$CONF_DIR/s3proxy.properties"
}

object_store_start() {
  start_daemon object-store java -Xms64m -Xmx256m -XX:+ExitOnOutOfMemoryError \
    -jar "$S3PROXY_JAR" --properties "$CONF_DIR/s3proxy.properties"
}
# Any HTTP answer (403 to an unsigned request) means it serves.
object_store_ready() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$TRIBUTARY_OBJECT_STORE_PORT/")" != 000 ]
}
object_store_version() { echo "S3Proxy $S3PROXY_VERSION"; }
object_store_endpoint() { echo "http://127.0.0.1:$TRIBUTARY_OBJECT_STORE_PORT (S3 API)"; }
object_store_env() {
  echo "S3_ENDPOINT=http://127.0.0.1:$TRIBUTARY_OBJECT_STORE_PORT"
  echo "S3_REGION=us-east-1"
  echo "S3_ACCESS_KEY_ID=tributary"
  echo "S3_SECRET_ACCESS_KEY=$(stack_secret object-store)"
}
