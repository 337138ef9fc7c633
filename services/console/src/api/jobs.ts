import { isFinalJobStatus, JOB_STATUSES } from '@tributary/contracts/src/job-statuses';
/** The gateway's job views (GET /v1/jobs, /v1/jobs/{id}, /v1/jobs/{id}/rejections). */
export interface Job {
  job_id: string;
  dataset: string;
  dataset_detected: boolean;
  status: JobStatus;
  source: 'upload' | 'inbox' | 'sftp' | null;
  file_name: string | null;
  format: string | null;
  size_bytes: number | null;
  submitted_by: string | null;
  duplicate_of: string | null;
  rows: { read: number; accepted: number; rejected: number };
  queued_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  rows_per_second: number | null;
  error: string | null;
}

export interface Rejection {
  row_number: number;
  raw: string;
  reasons: string[];
}

export { JOB_STATUSES };
export type JobStatus = (typeof JOB_STATUSES)[number];

export const isFinal = (status: JobStatus): boolean => isFinalJobStatus(status);

export const STATUS_LABELS: Record<JobStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  partially_failed: 'Partly rejected',
  failed: 'Failed',
  duplicate: 'Duplicate',
};
