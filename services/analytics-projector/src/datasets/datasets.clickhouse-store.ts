import { type ClickHouseClient } from '@clickhouse/client';
import { clickHouseCall, insertRowBinary, type RowBinaryColumn } from '@tributary/platform';
import { ANALYTICS_TABLE_COLUMNS } from '@tributary/read-models';
import { type BankingTransactionRow } from './banking.projection';
import { rollupStatements } from './banking.rollups';
import { type DatasetRow, type DatasetTable } from './dataset-projections';
import { type DatasetStore } from './datasets.store';

/**
 * Tables partitioned by month (PARTITION BY toYYYYMM(column) in migrations/), and that column.
 * Its row value (`YYYY-MM-DD…`) starts with `YYYY-MM`, which names the partition.
 */
export const MONTHLY_PARTITIONS: Partial<Record<DatasetTable, string>> = {
  ev_transactions: 'start_time',
  banking_transactions: 'transaction_date',
};

/**
 * Partitions one insert may touch. Current ClickHouse refuses an insert touching more than
 * `max_partitions_per_insert_block` (100) partitions, and a file of ten years of bank
 * transactions touches 120; every partition touched is also a new part to merge.
 */
export const PARTITIONS_PER_INSERT = 50;

/** The rows in groups of at most `PARTITIONS_PER_INSERT` partitions, each partition's rows in order. */
export function partitionGroups(table: DatasetTable, rows: readonly DatasetRow[]): DatasetRow[][] {
  const column = MONTHLY_PARTITIONS[table];
  if (!column) return [[...rows]];
  const byMonth = new Map<string, DatasetRow[]>();
  for (const row of rows) {
    const month = String((row as Record<string, unknown>)[column]).slice(0, 7);
    const list = byMonth.get(month);
    if (list) list.push(row);
    else byMonth.set(month, [row]);
  }
  const months = [...byMonth.values()];
  const groups: DatasetRow[][] = [];
  for (let i = 0; i < months.length; i += PARTITIONS_PER_INSERT) {
    groups.push(months.slice(i, i + PARTITIONS_PER_INSERT).flat());
  }
  return groups;
}

/**
 * Inserts as RowBinary (platform's row-binary.ts), by each table's column list in read-models'
 * ANALYTICS_TABLE_COLUMNS: a dataset's derived from its declaration, rejections' and alerts'
 * written beside their migrations. Errors are classified: a statement
 * ClickHouse refuses for good, or a value its column cannot hold, is non-retriable. After each
 * insert of bank transactions, the daily and monthly rollups of what it touched are recomputed
 * (banking.rollups.ts); a retry after a failure in between inserts again (FINAL keeps one row
 * per event) and recomputes.
 */
export class ClickHouseDatasetStore implements DatasetStore {
  constructor(
    private readonly client: ClickHouseClient,
    /** Each table's columns; another map only for a dataset declared in a test run alone. */
    private readonly columns: Readonly<
      Record<string, readonly RowBinaryColumn[]>
    > = ANALYTICS_TABLE_COLUMNS,
    /** The version of rollup rows: a later statement's must be higher (milliseconds). */
    private readonly clock: () => number = Date.now,
  ) {}

  async insert(table: DatasetTable, rows: readonly DatasetRow[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = this.columns[table];
    if (!columns) throw new Error(`no column list for table ${table}`);
    for (const group of partitionGroups(table, rows)) {
      await clickHouseCall(() => insertRowBinary(this.client, table, columns, group));
      if (table !== 'banking_transactions') continue;
      for (const statement of rollupStatements(group as BankingTransactionRow[])) {
        // The version is read just before the statement is sent: see banking.rollups.ts.
        await clickHouseCall(() => this.client.command({ query: statement(this.clock()) }));
      }
    }
  }
}
