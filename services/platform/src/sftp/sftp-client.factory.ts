import { readFile } from 'node:fs/promises';
import SftpClient from 'ssh2-sftp-client';
import { type SftpConfig } from './sftp.config';

/** A connected SFTP client; the caller ends it with `end()`. */
export async function connectSftp(config: SftpConfig, name = 'tributary'): Promise<SftpClient> {
  const client = new SftpClient(name);
  await client.connect({
    host: config.SFTP_HOST,
    port: config.SFTP_PORT,
    username: config.SFTP_USERNAME,
    privateKey: await readFile(config.SFTP_PRIVATE_KEY_PATH),
    readyTimeout: 10_000,
  });
  return client;
}
