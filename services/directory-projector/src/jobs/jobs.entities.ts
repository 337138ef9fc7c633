import { EntitySchema } from 'typeorm';
import { bigintAsNumber } from '../dimensions/dimension';
import { type JobRow } from './job-state';
import { type RejectionRow } from './rejection';

/**
 * TypeORM entities of the job tables. Writes are SQL upserts (`jobs.postgres.ts`); the entities
 * give the tables' names and typed reads. bigint columns read as numbers (counts stay below 2^53).
 */
export const IngestJobEntity = new EntitySchema<JobRow>({
  name: 'ingest_jobs',
  tableName: 'ingest_jobs',
  columns: {
    job_id: { type: 'uuid', primary: true },
    dataset: { type: 'text' },
    dataset_detected: { type: 'boolean', default: false },
    status: { type: 'text' },
    source: { type: 'text', nullable: true },
    file_name: { type: 'text', nullable: true },
    object_key: { type: 'text', nullable: true },
    checksum_sha256: { type: 'text', nullable: true },
    size_bytes: { type: 'bigint', nullable: true, transformer: bigintAsNumber },
    format: { type: 'text', nullable: true },
    submitted_by: { type: 'text', nullable: true },
    duplicate_of: { type: 'uuid', nullable: true },
    rows_read: { type: 'bigint', default: 0, transformer: bigintAsNumber },
    rows_accepted: { type: 'bigint', default: 0, transformer: bigintAsNumber },
    rows_rejected: { type: 'bigint', default: 0, transformer: bigintAsNumber },
    queued_at: { type: 'timestamptz', nullable: true },
    started_at: { type: 'timestamptz', nullable: true },
    finished_at: { type: 'timestamptz', nullable: true },
    error: { type: 'text', nullable: true },
    updated_at: { type: 'timestamptz' },
  },
});

export const IngestRejectionEntity = new EntitySchema<RejectionRow>({
  name: 'ingest_rejections',
  tableName: 'ingest_rejections',
  columns: {
    job_id: { type: 'uuid', primary: true },
    row_number: { type: 'bigint', primary: true, transformer: bigintAsNumber },
    dataset: { type: 'text' },
    object_key: { type: 'text' },
    raw: { type: 'text' },
    reasons: { type: 'text', array: true },
    event_id: { type: 'uuid' },
    rejected_at: { type: 'timestamptz' },
  },
});
