import { type ListJobsQuery } from './jobs.dto';

/** A job as the directory keeps it (directory-projector's `directory.ingest_jobs`). */
export interface JobRecord {
  job_id: string;
  dataset: string;
  dataset_detected: boolean;
  status: string;
  source: string | null;
  file_name: string | null;
  format: string | null;
  size_bytes: number | null;
  checksum_sha256: string | null;
  object_key: string | null;
  submitted_by: string | null;
  duplicate_of: string | null;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  queued_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  error: string | null;
}

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
