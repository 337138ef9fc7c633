import { type IngestJobRow } from '@tributary/read-models';
import { type ListJobsQuery } from './jobs.dto';

/** A job as the directory keeps it (the read model `directory.ingest_jobs`), without its bookkeeping. */
export type JobRecord = Omit<IngestJobRow, 'updated_at'>;

export interface RejectionRecord {
  row_number: number;
  raw: string;
  reasons: string[];
}

export interface JobFilter extends Omit<ListJobsQuery, 'limit' | 'cursor'> {
  /** Only jobs these principals submitted (a caller without read permission sees only its own). */
  submittedBy?: readonly string[];
}

/** Reads jobs and their rejected rows; newest first, keyset-paged on (queued_at, job_id). */
export interface JobsStore {
  list(
    filter: JobFilter,
    after: { queued_at: string; job_id: string } | null,
    limit: number,
  ): Promise<JobRecord[]>;
  get(jobId: string, submittedBy?: readonly string[]): Promise<JobRecord | null>;
  rejections(jobId: string, afterRow: number | null, limit: number): Promise<RejectionRecord[]>;
}

export const JOBS_STORE = Symbol('JOBS_STORE');
