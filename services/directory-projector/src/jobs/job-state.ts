import { type TributaryIngest } from '@tributary/contracts';

/** A job as the directory keeps it: the fold of its status events. */
export interface JobRow {
  job_id: string;
  dataset: string;
  dataset_detected: boolean;
  status: TributaryIngest.JobStatus;
  source: string | null;
  file_name: string | null;
  object_key: string | null;
  checksum_sha256: string | null;
  size_bytes: number | null;
  format: string | null;
  submitted_by: string | null;
  duplicate_of: string | null;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  queued_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  error: string | null;
  /** metadata.occurred_at of the event applied last. */
  updated_at: Date;
}

/** queued < running < any final status: a job never moves back down this order. */
export const statusRank = (status: string): number =>
  status === 'queued' ? 0 : status === 'running' ? 1 : 2;

export function jobRow(event: TributaryIngest.JobStatusChanged): JobRow {
  return {
    job_id: event.job_id,
    dataset: event.dataset,
    dataset_detected: event.dataset_detected,
    status: event.status,
    source: event.source,
    file_name: event.file_name,
    object_key: event.object_key,
    checksum_sha256: event.checksum_sha256,
    size_bytes: event.size_bytes,
    format: event.format,
    submitted_by: event.submitted_by,
    duplicate_of: event.duplicate_of,
    rows_read: event.rows_read,
    rows_accepted: event.rows_accepted,
    rows_rejected: event.rows_rejected,
    queued_at: event.queued_at,
    started_at: event.started_at,
    finished_at: event.finished_at,
    error: event.error,
    updated_at: event.metadata.occurred_at,
  };
}

/**
 * Whether `next` replaces `current`. Two producers write a job's events (the gateway `queued`,
 * file-ingest the rest), so arrival order is not the job's order: a higher status rank wins; at
 * equal rank the later event (then the one that read more rows) wins. The Postgres upsert applies
 * the same rule (see `directory.postgres-store.ts`).
 */
export function supersedes(next: JobRow, current: JobRow): boolean {
  const [a, b] = [statusRank(next.status), statusRank(current.status)];
  if (a !== b) return a > b;
  const [t, u] = [next.updated_at.getTime(), current.updated_at.getTime()];
  return t !== u ? t > u : next.rows_read >= current.rows_read;
}

/**
 * Applies `next` over `current`: what `next` does not know (null file fields, the dataset while
 * it is still `auto`) keeps its known value, so a later, sparser event never erases facts.
 */
export function mergeJob(current: JobRow | undefined, next: JobRow): JobRow {
  if (!current) return next;
  if (!supersedes(next, current)) return current;
  const keep = <K extends keyof JobRow>(key: K) => next[key] ?? current[key];
  return {
    ...next,
    dataset: next.dataset === 'auto' ? current.dataset : next.dataset,
    dataset_detected: next.dataset_detected || current.dataset_detected,
    source: keep('source'),
    file_name: keep('file_name'),
    object_key: keep('object_key'),
    checksum_sha256: keep('checksum_sha256'),
    size_bytes: keep('size_bytes'),
    format: keep('format'),
    submitted_by: keep('submitted_by'),
    duplicate_of: keep('duplicate_of'),
    queued_at: current.queued_at ?? next.queued_at,
    started_at: keep('started_at'),
  };
}
