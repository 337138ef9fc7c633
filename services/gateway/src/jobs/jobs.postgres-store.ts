import { type DataSource } from 'typeorm';
import { ProblemException } from '../http/problem';
import { type JobFilter, type JobRecord, type JobsStore, type RejectionRecord } from './jobs.store';

const COLUMNS = `job_id, dataset, dataset_detected, status, source, file_name, format,
  size_bytes::float8 AS size_bytes, checksum_sha256, object_key, submitted_by, duplicate_of,
  rows_read::float8 AS rows_read, rows_accepted::float8 AS rows_accepted,
  rows_rejected::float8 AS rows_rejected, queued_at, started_at, finished_at, error`;

/**
 * Jobs from the directory (Postgres schema `directory`, kept by directory-projector). Values are
 * always bound parameters; the statement text is fixed but for which filters are present.
 */
export class PostgresJobsStore implements JobsStore {
  constructor(private readonly db: DataSource) {}

  async list(
    filter: JobFilter,
    after: { queued_at: string; job_id: string } | null,
    limit: number,
  ): Promise<JobRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.status) where.push(`status = ${bind(filter.status)}`);
    if (filter.dataset) where.push(`dataset = ${bind(filter.dataset)}`);
    if (filter.source) where.push(`source = ${bind(filter.source)}`);
    if (filter.from) where.push(`queued_at >= ${bind(filter.from)}`);
    if (filter.to) where.push(`queued_at < ${bind(filter.to)}`);
    if (filter.submittedBy) where.push(`submitted_by = ANY(${bind(filter.submittedBy)})`);
    if (after)
      where.push(`(queued_at, job_id) < (${bind(after.queued_at)}, ${bind(after.job_id)})`);
    return this.query<JobRecord>(
      `SELECT ${COLUMNS} FROM directory.ingest_jobs
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY queued_at DESC, job_id DESC LIMIT ${bind(limit)}`,
      params,
    );
  }

  async get(jobId: string, submittedBy?: readonly string[]): Promise<JobRecord | null> {
    const rows = await this.query<JobRecord>(
      `SELECT ${COLUMNS} FROM directory.ingest_jobs
       WHERE job_id = $1 ${submittedBy ? 'AND submitted_by = ANY($2)' : ''}`,
      submittedBy ? [jobId, submittedBy] : [jobId],
    );
    return rows[0] ?? null;
  }

  rejections(jobId: string, afterRow: number | null, limit: number): Promise<RejectionRecord[]> {
    return this.query<RejectionRecord>(
      `SELECT row_number::float8 AS row_number, raw, reasons FROM directory.ingest_rejections
       WHERE job_id = $1 AND row_number > $2 ORDER BY row_number LIMIT $3`,
      [jobId, afterRow ?? 0, limit],
    );
  }

  private async query<T>(sql: string, params: unknown[]): Promise<T[]> {
    try {
      return (await this.db.query(sql, params)) as T[];
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      // The directory's tables appear when directory-projector first starts.
      if (code === '42P01' || code === '3F000')
        throw new ProblemException(
          'service-unavailable',
          'the job directory is not set up yet: directory-projector has not started',
          {},
          { 'Retry-After': '5' },
        );
      if (typeof code === 'string' && /^(08|57P)|^ECONN/.test(code))
        throw new ProblemException(
          'service-unavailable',
          'Postgres did not answer; retry shortly',
          {},
          { 'Retry-After': '5' },
        );
      throw error;
    }
  }
}
