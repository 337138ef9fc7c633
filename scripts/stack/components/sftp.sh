# OpenSSH's sshd from Debian's packages serving SFTP only, on its own port and config. The login
# user is whoever runs the stack; its key pair is generated once into the stack's conf folder.
SFTP_CONF=$CONF_DIR/sftp
SFTP_ROOT=$DATA_DIR/sftp/root
SFTP_USER=$(id -un)

sftp_install() {
  apt_ensure openssh-server openssh-sftp-server openssh-client
  mkdir -p "$SFTP_CONF" "$SFTP_ROOT/inbox"
  chmod 700 "$SFTP_CONF"
  [ -f "$SFTP_CONF/ssh_host_ed25519_key" ] ||
    ssh-keygen -q -t ed25519 -N '' -C tributary-sftp-host -f "$SFTP_CONF/ssh_host_ed25519_key"
  # The client key is PEM-encoded RSA: every SSH library, ssh2 included, reads that form.
  [ -f "$SFTP_CONF/client_key" ] ||
    ssh-keygen -q -t rsa -b 3072 -m PEM -N '' -C tributary-sftp-client -f "$SFTP_CONF/client_key"
  cp "$SFTP_CONF/client_key.pub" "$SFTP_CONF/authorized_keys"
  chmod 600 "$SFTP_CONF/authorized_keys"
  SFTP_CONF=$SFTP_CONF SFTP_ROOT=$SFTP_ROOT SFTP_USER=$SFTP_USER \
    render "$DEPLOY_DIR/sftp/sshd_config" "$SFTP_CONF/sshd_config"
  # Privilege separation needs this directory when sshd starts as root.
  if [ "$(id -u)" -eq 0 ]; then mkdir -p /run/sshd && chmod 755 /run/sshd; fi
  /usr/sbin/sshd -t -f "$SFTP_CONF/sshd_config"
}
sftp_start() { start_daemon sftp /usr/sbin/sshd -D -e -f "$SFTP_CONF/sshd_config"; }
sftp_ready() { port_open "$TRIBUTARY_SFTP_PORT" && ssh-keyscan -T 2 -t ed25519 -p "$TRIBUTARY_SFTP_PORT" 127.0.0.1 2>/dev/null | grep -q ssh-ed25519; }
sftp_version() { ssh -V 2>&1 | sed 's/,.*//'; }
sftp_endpoint() { echo "sftp://$SFTP_USER@127.0.0.1:$TRIBUTARY_SFTP_PORT (key login)"; }
sftp_env() {
  echo "SFTP_HOST=127.0.0.1"
  echo "SFTP_PORT=$TRIBUTARY_SFTP_PORT"
  echo "SFTP_USERNAME=$SFTP_USER"
  echo "SFTP_PRIVATE_KEY_PATH=$SFTP_CONF/client_key"
  echo "SFTP_ROOT=$SFTP_ROOT"
}
