import { randomUUID } from 'node:crypto';
import { VALID_EVENTS, type TributaryIngest } from '@tributary/contracts';
import { type JobRow } from './job-state';

/** Events of one ingest job, as its two producers publish them, and the row they make. */
export const at = (s: number): Date => new Date(Date.UTC(2026, 10, 22, 10, 0, s));

/** A job event as a producer would publish it: occurred_at is when the status changed. */
export const jobEvent = (
  jobId: string,
  status: TributaryIngest.JobStatus,
  second: number,
  fields: Partial<TributaryIngest.JobStatusChanged> = {},
): TributaryIngest.JobStatusChanged => ({
  ...VALID_EVENTS['ingest.jobs'],
  metadata: {
    ...VALID_EVENTS['ingest.jobs'].metadata,
    event_id: randomUUID(),
    occurred_at: at(second),
    source: { kind: 'file', reference: jobId, row_number: null },
  },
  job_id: jobId,
  status,
  ...fields,
});

/** The gateway's `queued`: knows the file, not yet the dataset. */
export const queuedEvent = (jobId: string) =>
  jobEvent(jobId, 'queued', 0, {
    dataset: 'auto',
    dataset_detected: false,
    source: 'upload',
    file_name: 'usage-march.csv',
    object_key: 'auto/2026-11-22/ab.csv',
    checksum_sha256: 'ab',
    size_bytes: 2048,
    format: null,
    submitted_by: 'acc-1',
    rows_read: 0,
    rows_accepted: 0,
    rows_rejected: 0,
    started_at: null,
    finished_at: null,
    error: null,
    duplicate_of: null,
    queued_at: at(0),
  });

/** file-ingest's events: know the dataset and counts, leave the file's name and submitter null. */
export const fileIngestEvent = (
  jobId: string,
  status: TributaryIngest.JobStatus,
  second: number,
  fields: Partial<TributaryIngest.JobStatusChanged> = {},
) =>
  jobEvent(jobId, status, second, {
    dataset: 'energy.usage',
    dataset_detected: true,
    source: 'upload',
    file_name: null,
    object_key: 'auto/2026-11-22/ab.csv',
    checksum_sha256: 'ab',
    size_bytes: null,
    format: 'csv',
    submitted_by: null,
    started_at: at(1),
    finished_at: null,
    error: null,
    duplicate_of: null,
    queued_at: null,
    ...fields,
  });

/** queued, started, progress, finished: the four events of a job that rejected 10 rows. */
export const lifecycle = (jobId: string) =>
  [
    queuedEvent(jobId),
    fileIngestEvent(jobId, 'running', 1, { rows_read: 0, rows_accepted: 0, rows_rejected: 0 }),
    fileIngestEvent(jobId, 'running', 3, { rows_read: 500, rows_accepted: 495, rows_rejected: 5 }),
    fileIngestEvent(jobId, 'partially_failed', 5, {
      rows_read: 1000,
      rows_accepted: 990,
      rows_rejected: 10,
      finished_at: at(5),
    }),
  ] as const;

/** The row `lifecycle(jobId)` makes, whatever order its events arrive in. */
export const lifecycleRow = (jobId: string): JobRow => ({
  job_id: jobId,
  dataset: 'energy.usage',
  dataset_detected: true,
  status: 'partially_failed',
  source: 'upload',
  file_name: 'usage-march.csv',
  object_key: 'auto/2026-11-22/ab.csv',
  checksum_sha256: 'ab',
  size_bytes: 2048,
  format: 'csv',
  submitted_by: 'acc-1',
  duplicate_of: null,
  rows_read: 1000,
  rows_accepted: 990,
  rows_rejected: 10,
  queued_at: at(0),
  started_at: at(1),
  finished_at: at(5),
  error: null,
  updated_at: at(5),
});

export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}
