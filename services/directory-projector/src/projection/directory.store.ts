import { type DimensionRow, type DimensionTopic } from '../dimensions/dimension';
import { type JobRow } from '../jobs/job-state';
import { type RejectionRow } from '../jobs/rejection';

/** What one chunk of events becomes, folded so each table gets at most one row per key. */
export interface DirectoryWrite {
  /** One row per job: the chunk's events of the job folded with `mergeJob`. */
  readonly jobs: readonly JobRow[];
  /** One row per (job, row number): the first the chunk carries. */
  readonly rejections: readonly RejectionRow[];
  /** One row per entity key: the newest the chunk carries. */
  readonly dimensions: ReadonlyMap<DimensionTopic, readonly DimensionRow[]>;
}

/**
 * The directory's tables, as the projection needs them: apply a chunk. The rules of each table
 * (the job rule, last writer wins, first rejection stays) hold against what is already stored,
 * so the same chunk written again, or an older event arriving later, changes nothing.
 * Throws an error with `retriable: false` when the data itself can never be written.
 */
export interface DirectoryStore {
  write(batch: DirectoryWrite): Promise<void>;
}

/** DI token of the DirectoryStore. */
export const DIRECTORY_STORE = Symbol('DIRECTORY_STORE');

export const isEmptyWrite = (batch: DirectoryWrite): boolean =>
  batch.jobs.length === 0 &&
  batch.rejections.length === 0 &&
  [...batch.dimensions.values()].every((rows) => rows.length === 0);
