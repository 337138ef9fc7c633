import { type TributaryIngest } from '@tributary/contracts';

/**
 * A row of `directory.ingest_jobs`: a job as directory-projector keeps it (the fold of its status
 * events) and the gateway reads it. The table itself is the directory's migrations'.
 */
export interface IngestJobRow {
  job_id: string;
  /** The target dataset; `auto` while it is not recognised yet. */
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

/**
 * Every column of `directory.ingest_jobs` with its Postgres type, in the table's order: the writer
 * upserts these, the reader selects from them, and a test holds the list to the migrations.
 */
export const INGEST_JOB_COLUMNS = [
  ['job_id', 'uuid'],
  ['dataset', 'text'],
  ['dataset_detected', 'bool'],
  ['status', 'text'],
  ['source', 'text'],
  ['file_name', 'text'],
  ['object_key', 'text'],
  ['checksum_sha256', 'text'],
  ['size_bytes', 'int8'],
  ['format', 'text'],
  ['submitted_by', 'text'],
  ['duplicate_of', 'uuid'],
  ['rows_read', 'int8'],
  ['rows_accepted', 'int8'],
  ['rows_rejected', 'int8'],
  ['queued_at', 'timestamptz'],
  ['started_at', 'timestamptz'],
  ['finished_at', 'timestamptz'],
  ['error', 'text'],
  ['updated_at', 'timestamptz'],
] as const satisfies readonly (readonly [keyof IngestJobRow, string])[];

/** A row of `directory.ingest_rejections`: one rejected row of a file, with every reason. */
export interface IngestRejectionRow {
  job_id: string;
  row_number: number;
  dataset: string;
  object_key: string;
  raw: string;
  reasons: string[];
  event_id: string;
  /** metadata.occurred_at */
  rejected_at: Date;
}
