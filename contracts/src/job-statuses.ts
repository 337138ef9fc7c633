import { type TributaryIngest } from './generated/events';

/**
 * An ingest job's statuses, in their order (JobStatusChanged's `status` enum; a unit test holds
 * this list to the schema's symbols). Plain data with a type-only import: the web console bundles
 * this module for the browser.
 */
export const JOB_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'partially_failed',
  'failed',
  'duplicate',
] as const satisfies readonly TributaryIngest.JobStatus[];

/** The statuses a job ends in: it never leaves one. */
export const FINAL_JOB_STATUSES = [
  'succeeded',
  'partially_failed',
  'failed',
  'duplicate',
] as const satisfies readonly TributaryIngest.JobStatus[];

export const isFinalJobStatus = (status: string): boolean =>
  (FINAL_JOB_STATUSES as readonly string[]).includes(status);
