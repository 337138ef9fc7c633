import { type ClickHouseClient } from '@clickhouse/client';
import { clickHouseCall, insertRowBinary, type RowBinaryColumn } from '@tributary/platform';
import { ANALYTICS_TABLE_COLUMNS } from '@tributary/read-models';
import { newTransactionsOnly } from './banking.new-transactions';
import { type BankingTransactionRow } from './banking.projection';
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
 * ClickHouse refuses for good, or a value its column cannot hold, is non-retriable. Bank
 * transactions feed the rollups' materialized views, so only those not stored yet are inserted
 * (banking.new-transactions.ts); each month group is checked just before its insert, so a retry
 * after a partly failed insert skips what did land.
 */
export class ClickHouseDatasetStore implements DatasetStore {
  constructor(
    private readonly client: ClickHouseClient,
    /** Each table's columns; another map only for a dataset declared in a test run alone. */
    private readonly columns: Readonly<
      Record<string, readonly RowBinaryColumn[]>
    > = ANALYTICS_TABLE_COLUMNS,
  ) {}

  async insert(table: DatasetTable, rows: readonly DatasetRow[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = this.columns[table];
    if (!columns) throw new Error(`no column list for table ${table}`);
    for (const group of partitionGroups(table, rows)) {
      const values =
        table === 'banking_transactions'
          ? await newTransactionsOnly(this.client, group as BankingTransactionRow[])
          : group;
      if (values.length === 0) continue;
      await clickHouseCall(() => insertRowBinary(this.client, table, columns, values));
    }
  }
}
