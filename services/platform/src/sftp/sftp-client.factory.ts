import { readFile } from 'node:fs/promises';
import SftpClient from 'ssh2-sftp-client';
import { type Logger } from '../logging/logger';
import { type SftpConfig } from './sftp.config';

/**
 * A connected SFTP client; the caller ends it with `end()`. Connection events the library would
 * print to the console (a dropped connection, an error between calls) go to the logger instead.
 */
export async function connectSftp(
  config: SftpConfig,
  logger: Logger,
  name = 'tributary',
): Promise<SftpClient> {
  const log = logger.child({ module: 'sftp', host: config.SFTP_HOST, port: config.SFTP_PORT });
  const client = new SftpClient(name, {
    error: (error: unknown) => log.warn({ err: error }, 'SFTP connection error'),
    end: () => log.debug('SFTP connection ended'),
    close: () => log.debug('SFTP connection closed'),
  });
  await client.connect({
    host: config.SFTP_HOST,
    port: config.SFTP_PORT,
    username: config.SFTP_USERNAME,
    privateKey: await readFile(config.SFTP_PRIVATE_KEY_PATH),
    readyTimeout: 10_000,
    // One attempt: callers (pollers) own the retry schedule.
    retries: 0,
  });
  return client;
}
