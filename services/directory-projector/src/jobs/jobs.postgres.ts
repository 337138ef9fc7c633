import { INGEST_JOB_COLUMNS } from '@tributary/read-models';
import { pgText } from '../postgres/postgres-errors';
import { FACT_FIELDS, UNKNOWN_DATASET, type JobRow } from './job-state';
import { type RejectionRow } from './rejection';

/** Runs one statement with bound parameters (a TypeORM EntityManager's `query`). */
export type RunQuery = (sql: string, parameters: unknown[]) => Promise<unknown>;

const JOB_COLUMNS = INGEST_JOB_COLUMNS;

// The rule of `supersedes` and `mergeJob` (job-state.ts), in SQL. `j` is the stored row,
// EXCLUDED the incoming one; every right-hand side of SET reads the stored row as it was.
const rank = (status: string) =>
  `CASE ${status} WHEN 'queued' THEN 0 WHEN 'running' THEN 1 ELSE 2 END`;
const WINS = `(${rank('EXCLUDED.status')}, EXCLUDED.updated_at, EXCLUDED.rows_read)
    >= (${rank('j.status')}, j.updated_at, j.rows_read)`;
const pick = (ifWins: string, ifLoses: string) =>
  `CASE WHEN ${WINS} THEN ${ifWins} ELSE ${ifLoses} END`;
const known = (column: string) =>
  pick(`COALESCE(EXCLUDED.${column}, j.${column})`, `COALESCE(j.${column}, EXCLUDED.${column})`);
const STATUS = pick('EXCLUDED.status', 'j.status');
/** OUTCOME_FIELDS (job-state.ts): when each status-bound field applies to the resulting status. */
const OUTCOME_APPLIES: Record<'finished_at' | 'error' | 'duplicate_of', string> = {
  finished_at: `${rank(STATUS)} = 2`,
  error: `${STATUS} = 'failed'`,
  duplicate_of: `${STATUS} = 'duplicate'`,
};
const FILLABLE = [...FACT_FIELDS, ...(Object.keys(OUTCOME_APPLIES) as (keyof JobRow)[])];

const UPSERT_JOBS = `
INSERT INTO %TABLE% AS j (${JOB_COLUMNS.map(([name]) => name).join(', ')})
SELECT * FROM unnest(${JOB_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
ON CONFLICT (job_id) DO UPDATE SET
  status = ${STATUS},
  rows_read = ${pick('EXCLUDED.rows_read', 'j.rows_read')},
  rows_accepted = ${pick('EXCLUDED.rows_accepted', 'j.rows_accepted')},
  rows_rejected = ${pick('EXCLUDED.rows_rejected', 'j.rows_rejected')},
  updated_at = ${pick('EXCLUDED.updated_at', 'j.updated_at')},
  dataset = ${pick(
    `COALESCE(NULLIF(EXCLUDED.dataset, '${UNKNOWN_DATASET}'), j.dataset)`,
    `COALESCE(NULLIF(j.dataset, '${UNKNOWN_DATASET}'), EXCLUDED.dataset)`,
  )},
  dataset_detected = j.dataset_detected OR EXCLUDED.dataset_detected,
  ${FACT_FIELDS.map((column) => `${column} = ${known(column)}`).join(',\n  ')},
  ${Object.entries(OUTCOME_APPLIES)
    .map(([column, applies]) => `${column} = CASE WHEN ${applies} THEN ${known(column)} END`)
    .join(',\n  ')}
WHERE ${WINS}
   OR (j.dataset = '${UNKNOWN_DATASET}' AND EXCLUDED.dataset <> '${UNKNOWN_DATASET}')
   OR (EXCLUDED.dataset_detected AND NOT j.dataset_detected)
   OR ${FILLABLE.map((c) => `(j.${c} IS NULL AND EXCLUDED.${c} IS NOT NULL)`).join('\n   OR ')}`;

/**
 * Upserts jobs (at most one row per job: fold a chunk with `mergeJob` first) in one statement.
 * Rows go in job id order, so two writers (replicas during a rebalance) lock them in one order.
 */
export async function upsertJobs(run: RunQuery, table: string, jobs: readonly JobRow[]) {
  if (jobs.length === 0) return;
  const sorted = [...jobs].sort((a, b) => (a.job_id < b.job_id ? -1 : 1));
  await run(
    UPSERT_JOBS.replace('%TABLE%', table),
    JOB_COLUMNS.map(([name, type]) =>
      sorted.map((job) => {
        const value = job[name];
        return type === 'text' && typeof value === 'string' ? pgText(value) : value;
      }),
    ),
  );
}

/**
 * Inserts rejected rows in one statement; a row already stored (or repeated in `rows`) stays as
 * it was first written. A text[] per row
 * cannot travel through unnest (an array of arrays is one flat array), so reasons go as JSON.
 */
export async function insertRejections(
  run: RunQuery,
  table: string,
  rows: readonly RejectionRow[],
) {
  if (rows.length === 0) return;
  const sorted = [...rows].sort((a, b) =>
    a.job_id !== b.job_id ? (a.job_id < b.job_id ? -1 : 1) : a.row_number - b.row_number,
  );
  await run(
    `INSERT INTO ${table}
       (job_id, row_number, dataset, object_key, raw, reasons, event_id, rejected_at)
     SELECT job_id, row_number, dataset, object_key, raw,
            ARRAY(SELECT jsonb_array_elements_text(reasons::jsonb)), event_id, rejected_at
     FROM unnest($1::uuid[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[],
                 $7::uuid[], $8::timestamptz[])
       AS r(job_id, row_number, dataset, object_key, raw, reasons, event_id, rejected_at)
     ON CONFLICT (job_id, row_number) DO NOTHING`,
    [
      sorted.map((r) => r.job_id),
      sorted.map((r) => r.row_number),
      sorted.map((r) => pgText(r.dataset)),
      sorted.map((r) => pgText(r.object_key)),
      sorted.map((r) => pgText(r.raw)),
      sorted.map((r) => JSON.stringify(r.reasons.map(pgText))),
      sorted.map((r) => r.event_id),
      sorted.map((r) => r.rejected_at),
    ],
  );
}
