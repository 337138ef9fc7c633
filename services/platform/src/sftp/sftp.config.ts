import { z } from 'zod';
import { env } from '../config/config';

export const sftpConfigSchema = z.object({
  SFTP_HOST: env.string().describe('The SFTP server (with SFTP_FOLDERS).'),
  SFTP_PORT: env.port().describe('Its port (with SFTP_FOLDERS).'),
  SFTP_USERNAME: env.string().describe('The account files are fetched as (with SFTP_FOLDERS).'),
  SFTP_PRIVATE_KEY_PATH: env
    .string()
    .describe("Its private key's file (with SFTP_FOLDERS); key login only."),
});

export type SftpConfig = z.output<typeof sftpConfigSchema>;
