import { type TributaryIngest } from '@tributary/contracts';
import { type IngestJobRow } from '@tributary/read-models';

/** A job as `directory.ingest_jobs` keeps it: the fold of its status events (a read model). */
export type JobRow = IngestJobRow;

/** What the dataset is while nobody knows it (the file's columns recognise it later). */
export const UNKNOWN_DATASET = 'auto';

/** queued < running < any final status: a job never moves back down this order. */
export const statusRank = (status: string): number =>
  status === 'queued' ? 0 : status === 'running' ? 1 : 2;

/** Facts about the file: the same in every event that states them, so a null never erases one. */
export const FACT_FIELDS = [
  'source',
  'file_name',
  'object_key',
  'checksum_sha256',
  'size_bytes',
  'format',
  'submitted_by',
  'queued_at',
  'started_at',
] as const satisfies readonly (keyof JobRow)[];

/**
 * Fields that belong to a status (the contract's words: finished_at "when the job reached a final
 * status", error "for status failed", duplicate_of "for status duplicate"): null unless the job
 * is in that status, so a job that failed and then succeeded (a re-run) shows no stale error.
 */
export const OUTCOME_FIELDS = {
  finished_at: (status: string) => statusRank(status) === 2,
  error: (status: string) => status === 'failed',
  duplicate_of: (status: string) => status === 'duplicate',
} as const satisfies Partial<Record<keyof JobRow, (status: string) => boolean>>;

/** The row one event states, with its status-bound fields cleared when they do not apply. */
export function jobRow(event: TributaryIngest.JobStatusChanged): JobRow {
  return withOutcome({
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
  });
}

function withOutcome(row: JobRow): JobRow {
  return {
    ...row,
    finished_at: OUTCOME_FIELDS.finished_at(row.status) ? row.finished_at : null,
    error: OUTCOME_FIELDS.error(row.status) ? row.error : null,
    duplicate_of: OUTCOME_FIELDS.duplicate_of(row.status) ? row.duplicate_of : null,
  };
}

/**
 * Whether `next` is the job's state rather than `current`. A job's events come from two producers
 * (the gateway publishes `queued`, file-ingest the rest), so arrival order is not the job's order:
 * - a final status never goes back to queued or running, and running beats queued;
 * - otherwise (same rank) the later metadata.occurred_at wins, then the one that read more rows;
 * - an event equal on all three wins, so the same event applied twice gives the same row.
 * The Postgres upsert applies the same rule (`jobs.postgres.ts`).
 */
export function supersedes(next: JobRow, current: JobRow): boolean {
  const [a, b] = [statusRank(next.status), statusRank(current.status)];
  if (a !== b) return a > b;
  const [t, u] = [next.updated_at.getTime(), current.updated_at.getTime()];
  if (t !== u) return t > u;
  return next.rows_read >= current.rows_read;
}

/**
 * Applies `next` to `current` (undefined: the job is new). The winner (see `supersedes`) sets the
 * status, the counts and `updated_at`. Every other field takes the winner's value, or the other
 * one's where the winner has none: a null never erases a known value, and an event that loses
 * still fills in what the job did not know yet (the gateway's `queued`, arriving after
 * file-ingest's `running`, brings the submitter). A dataset still `auto` counts as unknown.
 * Status-bound fields are then cleared unless the resulting status carries them.
 */
export function mergeJob(current: JobRow | undefined, next: JobRow): JobRow {
  if (!current) return withOutcome(next);
  const wins = supersedes(next, current);
  const [first, second] = wins ? [next, current] : [current, next];
  const known = <K extends keyof JobRow>(key: K): JobRow[K] => first[key] ?? second[key];
  return withOutcome({
    ...first,
    dataset: first.dataset !== UNKNOWN_DATASET ? first.dataset : second.dataset,
    dataset_detected: first.dataset_detected || second.dataset_detected,
    source: known('source'),
    file_name: known('file_name'),
    object_key: known('object_key'),
    checksum_sha256: known('checksum_sha256'),
    size_bytes: known('size_bytes'),
    format: known('format'),
    submitted_by: known('submitted_by'),
    queued_at: known('queued_at'),
    started_at: known('started_at'),
    finished_at: known('finished_at'),
    error: known('error'),
    duplicate_of: known('duplicate_of'),
  });
}
