import { type DatasetRow, type DatasetTable, type TableRows } from './dataset-projections';

/**
 * Where the dataset projection writes. Inserts must be idempotent: the rows of a chunk are
 * inserted again after a crash between the insert and the offset commit, and the tables dedupe
 * them (ReplacingMergeTree keyed on the event or entity id, read with FINAL).
 */
export interface DatasetStore {
  insert(table: DatasetTable, rows: readonly DatasetRow[]): Promise<void>;
}

/** What a write of several tables left undone: the failed tables' rows and the first error. */
export interface WriteOutcome {
  readonly failed: TableRows;
  readonly error?: unknown;
}

/**
 * Inserts each table's rows, the tables concurrently (each is its own insert anyway). A table
 * that failed does not stop the others; the caller keeps the failed tables' rows for a retry.
 */
export async function writeTables(store: DatasetStore, rows: TableRows): Promise<WriteOutcome> {
  const tables = [...rows.entries()].filter(([, list]) => list.length > 0);
  const results = await Promise.allSettled(
    tables.map(([table, list]) => store.insert(table, list)),
  );
  const failed: TableRows = new Map();
  let error: unknown;
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') return;
    const [table, list] = tables[i]!;
    failed.set(table, list);
    // A non-retriable failure is the one to report: retrying the others cannot help it.
    if (error === undefined || (error as { retriable?: unknown }).retriable !== false) {
      error = result.reason;
    }
  });
  return error === undefined ? { failed } : { failed, error };
}
