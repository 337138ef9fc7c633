import { type Readable } from 'node:stream';
import { type Logger } from '../logging/logger';
import { connectSftp } from './sftp-client.factory';
import { type SftpConfig } from './sftp.config';

export interface RemoteFile {
  readonly name: string;
  readonly path: string;
  readonly sizeBytes: number;
  readonly modifiedAt: Date;
}

/** What a poller needs of an SFTP server: list a folder's files, stream one, hang up. */
export interface SftpSession {
  listFiles(folder: string): Promise<RemoteFile[]>;
  read(path: string): Readable;
  end(): Promise<void>;
}

export type OpenSftpSession = () => Promise<SftpSession>;

export function sftpSessions(config: SftpConfig, logger: Logger): OpenSftpSession {
  return async () => {
    const client = await connectSftp(config, logger, 'file-ingest');
    return {
      listFiles: async (folder) =>
        (await client.list(folder))
          .filter((entry) => entry.type === '-')
          .map((entry) => ({
            name: entry.name,
            path: `${folder.replace(/\/+$/, '')}/${entry.name}`,
            sizeBytes: entry.size,
            modifiedAt: new Date(entry.modifyTime),
          })),
      read: (path) => client.createReadStream(path) as Readable,
      end: async () => {
        await client.end();
      },
    };
  };
}
