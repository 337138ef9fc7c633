import { type EntityRow, type EntityTopic } from './entities/entity-rows';
import { type JobRow } from './jobs/job-state';

export interface RejectionRow {
  job_id: string;
  row_number: number;
  dataset: string;
  object_key: string;
  raw: string;
  reasons: string[];
  event_id: string;
  rejected_at: Date;
}

/** What one chunk of events becomes, written at once (all or nothing). */
export interface DirectoryWrite {
  /** At most one row per job (the chunk's events folded with `mergeJob`). */
  jobs: JobRow[];
  rejections: RejectionRow[];
  /** At most one row per entity key and topic (the newest of the chunk). */
  entities: Map<EntityTopic, EntityRow[]>;
}

/** The directory's tables. Every write is idempotent: the same events again change nothing. */
export interface DirectoryStore {
  write(batch: DirectoryWrite): Promise<void>;
}
