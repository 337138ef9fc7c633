import { type RemoteFile } from '@tributary/platform';
import { type DataSource } from 'typeorm';
import { type SftpFileStore } from './sftp-file.store';

export class PostgresSftpFileStore implements SftpFileStore {
  constructor(private readonly db: DataSource) {}

  async fetched(host: string, file: RemoteFile): Promise<boolean> {
    const rows = (await this.db.query(
      `SELECT 1 FROM sftp_files
       WHERE host = $1 AND path = $2 AND size_bytes = $3 AND modified_at = $4`,
      [host, file.path, file.sizeBytes, file.modifiedAt],
    )) as unknown[];
    return rows.length > 0;
  }

  async remember(host: string, file: RemoteFile, jobId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO sftp_files (host, path, size_bytes, modified_at, job_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [host, file.path, file.sizeBytes, file.modifiedAt, jobId],
    );
  }
}
