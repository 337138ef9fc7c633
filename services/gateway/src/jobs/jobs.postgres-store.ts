import { INGEST_JOB_COLUMNS } from '@tributary/read-models';
import { type DataSource } from 'typeorm';
import { conditions, queryDirectory } from '../directory/directory-sql';
import { type JobFilter, type JobRecord, type JobsStore, type RejectionRecord } from './jobs.store';

/** The read model's columns but its bookkeeping; counts and sizes as JSON numbers (float8). */
const COLUMNS = INGEST_JOB_COLUMNS.filter(([name]) => name !== 'updated_at')
  .map(([name, type]) => (type === 'int8' ? `${name}::float8 AS ${name}` : name))
  .join(', ');

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
    const { where, bind, params, whereClause } = conditions();
    if (filter.status) where.push(`status = ${bind(filter.status)}`);
    if (filter.dataset) where.push(`dataset = ${bind(filter.dataset)}`);
    if (filter.source) where.push(`source = ${bind(filter.source)}`);
    if (filter.from) where.push(`queued_at >= ${bind(filter.from)}`);
    if (filter.to) where.push(`queued_at < ${bind(filter.to)}`);
    if (filter.submittedBy) where.push(`submitted_by = ANY(${bind(filter.submittedBy)})`);
    if (after)
      where.push(`(queued_at, job_id) < (${bind(after.queued_at)}, ${bind(after.job_id)})`);
    return queryDirectory<JobRecord>(
      this.db,
      'ingest_jobs',
      `SELECT ${COLUMNS} FROM directory.ingest_jobs
       ${whereClause()}
       ORDER BY queued_at DESC, job_id DESC LIMIT ${bind(limit)}`,
      params,
    );
  }

  async get(jobId: string, submittedBy?: readonly string[]): Promise<JobRecord | null> {
    const rows = await queryDirectory<JobRecord>(
      this.db,
      'ingest_jobs',
      `SELECT ${COLUMNS} FROM directory.ingest_jobs
       WHERE job_id = $1 ${submittedBy ? 'AND submitted_by = ANY($2)' : ''}`,
      submittedBy ? [jobId, submittedBy] : [jobId],
    );
    return rows[0] ?? null;
  }

  rejections(jobId: string, afterRow: number | null, limit: number): Promise<RejectionRecord[]> {
    return queryDirectory<RejectionRecord>(
      this.db,
      'ingest_rejections',
      `SELECT row_number::float8 AS row_number, raw, reasons FROM directory.ingest_rejections
       WHERE job_id = $1 AND row_number > $2 ORDER BY row_number LIMIT $3`,
      [jobId, afterRow ?? 0, limit],
    );
  }
}
