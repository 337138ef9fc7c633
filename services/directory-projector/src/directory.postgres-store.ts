import { type DataSource, type EntityManager } from 'typeorm';
import { ENTITY_TABLES, type EntityRow, type EntityTopic } from './entities/entity-rows';
import { type JobRow } from './jobs/job-state';
import { type DirectoryStore, type DirectoryWrite, type RejectionRow } from './directory.store';

const RANK = (status: string) =>
  `CASE ${status} WHEN 'queued' THEN 0 WHEN 'running' THEN 1 ELSE 2 END`;

const JOB_COLUMNS: [keyof JobRow, string][] = [
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
];

/**
 * Writes a chunk in one transaction, each table in one statement (`unnest` of one array per
 * column), so a chunk of thousands of rows is a handful of round trips. Tables are unqualified:
 * the DataSource's search path starts with the directory's schema.
 */
export class PostgresDirectoryStore implements DirectoryStore {
  constructor(private readonly db: DataSource) {}

  async write(batch: DirectoryWrite): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (batch.jobs.length > 0) await this.upsertJobs(tx, batch.jobs);
      if (batch.rejections.length > 0) await this.insertRejections(tx, batch.rejections);
      for (const [topic, rows] of batch.entities)
        if (rows.length > 0) await this.upsertEntities(tx, topic, rows);
    });
  }

  private async upsertJobs(tx: EntityManager, jobs: JobRow[]): Promise<void> {
    const names = JOB_COLUMNS.map(([name]) => name);
    const arrays = JOB_COLUMNS.map(([name]) => jobs.map((job) => job[name]));
    const coalesced = [
      'source',
      'file_name',
      'object_key',
      'checksum_sha256',
      'size_bytes',
      'format',
      'submitted_by',
      'duplicate_of',
      'started_at',
    ];
    // The rule of `supersedes`/`mergeJob` (jobs/job-state.ts), in SQL.
    await tx.query(
      `INSERT INTO ingest_jobs AS j (${names.join(', ')})
       SELECT * FROM unnest(${JOB_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
       ON CONFLICT (job_id) DO UPDATE SET
         dataset = CASE WHEN EXCLUDED.dataset = 'auto' THEN j.dataset ELSE EXCLUDED.dataset END,
         dataset_detected = EXCLUDED.dataset_detected OR j.dataset_detected,
         status = EXCLUDED.status,
         ${coalesced.map((c) => `${c} = COALESCE(EXCLUDED.${c}, j.${c})`).join(',\n         ')},
         rows_read = EXCLUDED.rows_read,
         rows_accepted = EXCLUDED.rows_accepted,
         rows_rejected = EXCLUDED.rows_rejected,
         queued_at = COALESCE(j.queued_at, EXCLUDED.queued_at),
         finished_at = EXCLUDED.finished_at,
         error = EXCLUDED.error,
         updated_at = EXCLUDED.updated_at
       WHERE ${RANK('EXCLUDED.status')} > ${RANK('j.status')}
          OR (${RANK('EXCLUDED.status')} = ${RANK('j.status')}
              AND (EXCLUDED.updated_at, EXCLUDED.rows_read) >= (j.updated_at, j.rows_read))`,
      arrays,
    );
  }

  private async insertRejections(tx: EntityManager, rows: RejectionRow[]): Promise<void> {
    // A text[] per row cannot go through unnest (arrays of arrays flatten): reasons travel as JSON.
    await tx.query(
      `INSERT INTO ingest_rejections
         (job_id, row_number, dataset, object_key, raw, reasons, event_id, rejected_at)
       SELECT job_id, row_number, dataset, object_key, raw,
              ARRAY(SELECT jsonb_array_elements_text(reasons::jsonb)), event_id, rejected_at
       FROM unnest($1::uuid[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[],
                   $7::uuid[], $8::timestamptz[])
         AS r(job_id, row_number, dataset, object_key, raw, reasons, event_id, rejected_at)
       ON CONFLICT (job_id, row_number) DO NOTHING`,
      [
        rows.map((r) => r.job_id),
        rows.map((r) => r.row_number),
        rows.map((r) => r.dataset),
        rows.map((r) => r.object_key),
        // Postgres text cannot hold NUL; a raw row is evidence, not data, so it is dropped.
        rows.map((r) => r.raw.replace(/\u0000/g, '')),
        rows.map((r) => JSON.stringify(r.reasons)),
        rows.map((r) => r.event_id),
        rows.map((r) => r.rejected_at),
      ],
    );
  }

  private async upsertEntities(tx: EntityManager, topic: EntityTopic, rows: EntityRow[]) {
    const spec = ENTITY_TABLES[topic];
    const columns = Object.entries(spec.columns) as [string, string][];
    const all: [string, string][] = [
      ...columns,
      ['event_id', 'uuid'],
      ['updated_at', 'timestamptz'],
      ['row_number', 'int8'],
    ];
    const arrays = [
      ...columns.map(([name]) => rows.map((r) => r.values[name] ?? null)),
      rows.map((r) => r.event_id),
      rows.map((r) => r.updated_at),
      rows.map((r) => r.row_number),
    ];
    const updates = all
      .filter(([name]) => name !== spec.key)
      .map(([name]) => `${name} = EXCLUDED.${name}`);
    await tx.query(
      `INSERT INTO ${spec.table} AS t (${all.map(([n]) => n).join(', ')})
       SELECT * FROM unnest(${all.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
       ON CONFLICT (${spec.key}) DO UPDATE SET ${updates.join(', ')}
       WHERE (EXCLUDED.updated_at, EXCLUDED.row_number) >= (t.updated_at, t.row_number)`,
      arrays,
    );
  }
}
