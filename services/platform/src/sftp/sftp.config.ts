import { z } from 'zod';
import { env } from '../config/config';

export const sftpConfigSchema = z.object({
  SFTP_HOST: env.string(),
  SFTP_PORT: env.port(),
  SFTP_USERNAME: env.string(),
  /** Path of the private key file; key authentication only. */
  SFTP_PRIVATE_KEY_PATH: env.string(),
});

export type SftpConfig = z.output<typeof sftpConfigSchema>;
