import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** file-ingest's own memory, in its schema: which files each dataset has ingested, and what SFTP gave. */
export class CreateLedger1764100000000 implements MigrationInterface {
  name = 'CreateLedger1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE ingested_files (
        dataset text NOT NULL,
        checksum_sha256 text NOT NULL,
        job_id uuid NOT NULL,
        state text NOT NULL CHECK (state IN ('running', 'done', 'failed')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (dataset, checksum_sha256)
      )`);
    // A remote file is identified by its path and its version (size and modification time): the
    // same path rewritten later is a new file.
    await runner.query(`
      CREATE TABLE sftp_files (
        host text NOT NULL,
        path text NOT NULL,
        size_bytes bigint NOT NULL,
        modified_at timestamptz NOT NULL,
        job_id uuid NOT NULL,
        fetched_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (host, path, size_bytes, modified_at)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE sftp_files');
    await runner.query('DROP TABLE ingested_files');
  }
}
