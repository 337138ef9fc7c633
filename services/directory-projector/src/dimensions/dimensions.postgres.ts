import { type RunQuery } from '../jobs/jobs.postgres';
import { pgText } from '../postgres/postgres-errors';
import { type ColumnType, type DimensionRow } from './dimension';

/** What the upsert needs of a DimensionSpec. */
export interface DimensionColumns {
  readonly key: string;
  readonly columns: Readonly<Record<string, ColumnType>>;
}

const param = (value: unknown, type: ColumnType) =>
  type === 'text' && typeof value === 'string' ? pgText(value) : (value ?? null);

/**
 * Upserts a dimension's rows (at most one per key: the newest of the chunk) in one statement,
 * last writer wins by (updated_at, row_number) as `supersedesDimension` decides: a stored row is
 * replaced whole by a newer or equally new event, and kept when the incoming one is older. Rows
 * go in key order, so two writers (replicas during a rebalance) lock them in one order.
 */
export async function upsertDimension(
  run: RunQuery,
  table: string,
  spec: DimensionColumns,
  rows: readonly DimensionRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const sorted = [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const columns = Object.entries(spec.columns);
  const names = [...columns.map(([name]) => name), 'event_id', 'updated_at', 'row_number'];
  const types = [...columns.map(([, type]) => type), 'uuid', 'timestamptz', 'int8'];
  const parameters = [
    ...columns.map(([name, type]) => sorted.map((row) => param(row.values[name], type))),
    sorted.map((row) => row.event_id),
    sorted.map((row) => row.updated_at),
    sorted.map((row) => row.row_number),
  ];
  const updates = names.filter((name) => name !== spec.key).map((n) => `${n} = EXCLUDED.${n}`);
  await run(
    `INSERT INTO ${table} AS t (${names.join(', ')})
     SELECT * FROM unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')})
     ON CONFLICT (${spec.key}) DO UPDATE SET ${updates.join(', ')}
     WHERE (EXCLUDED.updated_at, EXCLUDED.row_number) >= (t.updated_at, t.row_number)`,
    parameters,
  );
}
