import { TributaryError } from '@tributary/contracts';
import { type DataSource } from 'typeorm';
import { type Claim, type JobLedger } from './job-ledger';

/** Connection-level failures are outages (retry); anything else is a bug in a statement. */
function classify(error: unknown): never {
  const code = (error as { code?: unknown } | null)?.code;
  const outage =
    typeof code === 'string' &&
    (/^(08|57P)/.test(code) || /^E(CONN|TIMEDOUT|PIPE|HOSTUNREACH)/.test(code));
  throw new TributaryError('LEDGER.UNAVAILABLE', `job ledger: ${(error as Error).message}`, {
    retriable: outage || !(typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)),
    cause: error,
  });
}

export class PostgresJobLedger implements JobLedger {
  constructor(private readonly db: DataSource) {}

  async claim(dataset: string, checksumSha256: string, jobId: string): Promise<Claim> {
    try {
      // The first job takes the file; the same job again (a re-run after a crash) keeps it; a
      // job that failed releases it to the next.
      const claimed = (await this.db.query(
        `INSERT INTO ingested_files (dataset, checksum_sha256, job_id, state)
         VALUES ($1, $2, $3, 'running')
         ON CONFLICT (dataset, checksum_sha256) DO UPDATE
           SET job_id = EXCLUDED.job_id, state = 'running', updated_at = now()
           WHERE ingested_files.state = 'failed' OR ingested_files.job_id = EXCLUDED.job_id
         RETURNING job_id`,
        [dataset, checksumSha256, jobId],
      )) as { job_id: string }[];
      if (claimed.length > 0) return { outcome: 'run' };
      const [holder] = (await this.db.query(
        'SELECT job_id FROM ingested_files WHERE dataset = $1 AND checksum_sha256 = $2',
        [dataset, checksumSha256],
      )) as { job_id: string }[];
      return { outcome: 'duplicate', of: holder!.job_id };
    } catch (error) {
      classify(error);
    }
  }

  async finish(
    dataset: string,
    checksumSha256: string,
    jobId: string,
    succeeded: boolean,
  ): Promise<void> {
    try {
      await this.db.query(
        `UPDATE ingested_files SET state = $4, updated_at = now()
         WHERE dataset = $1 AND checksum_sha256 = $2 AND job_id = $3`,
        [dataset, checksumSha256, jobId, succeeded ? 'done' : 'failed'],
      );
    } catch (error) {
      classify(error);
    }
  }
}
