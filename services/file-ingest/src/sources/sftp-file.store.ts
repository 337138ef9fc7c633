import { type RemoteFile } from '@tributary/platform';

/** Remembers, across restarts, which version of which remote file was fetched and into which job. */
export interface SftpFileStore {
  fetched(host: string, file: RemoteFile): Promise<boolean>;
  remember(host: string, file: RemoteFile, jobId: string): Promise<void>;
}
