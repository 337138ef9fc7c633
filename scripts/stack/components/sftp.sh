# Placeholder until written.
sftp_install() { :; }
sftp_start() { :; }
sftp_ready() { return 1; }
sftp_version() { echo -; }
sftp_endpoint() { echo -; }
sftp_env() { :; }
