# Redis from Debian's packages, on the project's port, with its data under the stack folder. It
# asks for a password (generated per machine): the services refuse a password-less REDIS_URL
# with NODE_ENV=production, as the images run.
redis_install() {
  apt_ensure redis-server
  mkdir -p "$DATA_DIR/redis"
  REDIS_DATA=$DATA_DIR/redis REDIS_PASSWORD=$(stack_secret redis) \
    render "$DEPLOY_DIR/redis/redis.conf" "$CONF_DIR/redis.conf"
}
redis_start() { start_daemon redis redis-server "$CONF_DIR/redis.conf"; }
redis_ready() {
  [ "$(REDISCLI_AUTH=$(stack_secret redis) redis-cli -p "$TRIBUTARY_REDIS_PORT" ping 2>/dev/null)" = PONG ]
}
redis_version() { redis-server --version | grep -o 'v=[0-9.]*' | sed 's/v=/Redis /'; }
redis_endpoint() { echo "redis://127.0.0.1:$TRIBUTARY_REDIS_PORT"; }
redis_env() { echo "REDIS_URL=redis://:$(stack_secret redis)@127.0.0.1:$TRIBUTARY_REDIS_PORT"; }
