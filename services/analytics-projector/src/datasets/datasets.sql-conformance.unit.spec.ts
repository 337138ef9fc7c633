import { type ClickHouseClient } from '@clickhouse/client';
import { fixtureMetadata, VALID_EVENTS } from '@tributary/contracts';
import {
  createLogger,
  readClickHouseMigrations,
  runClickHouseMigrations,
} from '@tributary/platform';
import { chdbClient, type ChdbClient } from '@tributary/testing';
import { bankingTransactionRow } from './banking.projection';
import {
  appendRows,
  DATASET_PROJECTIONS,
  PROJECTED_TABLES,
  type DatasetRow,
  type TableRows,
} from './dataset-projections';
import { ClickHouseDatasetStore, PARTITIONS_PER_INSERT } from './datasets.clickhouse-store';
import { DATASET_MIGRATIONS } from './datasets.projector';
import { writeTables } from './datasets.store';
import {
  DECIMAL_COLUMNS,
  DELIVERIES,
  EXPECTED_ROWS,
  TABLE_QUERIES,
  type Delivery,
} from './datasets.test-data';

/** Current ClickHouse prints a Decimal without its trailing zeros (12.34); 18.16 as 12.3400. */
function withFourDecimals(row: Record<string, unknown>): Record<string, unknown> {
  const out = { ...row };
  for (const column of DECIMAL_COLUMNS) {
    const value = out[column];
    if (typeof value !== 'string') continue;
    const [whole, fraction = ''] = value.split('.');
    out[column] = `${whole}.${fraction.padEnd(4, '0')}`;
  }
  return out;
}

function rowsOf(deliveries: readonly Delivery[]): TableRows {
  const rows: TableRows = new Map();
  for (const { topic, event } of deliveries) {
    const { table, row } = DATASET_PROJECTIONS[topic];
    appendRows(rows, table, [(row as (e: unknown) => DatasetRow)(event)]);
  }
  return rows;
}

/**
 * Every statement the dataset projection sends — its migrations and its inserts — and the reads
 * its tests check it with, on the current ClickHouse engine (chDB 26.x), held to the answer
 * ClickHouse 18.16 gives in datasets.projection.int.spec.ts.
 */
describe('dataset SQL on current ClickHouse (chDB)', () => {
  let chdb: ChdbClient;
  let client: ClickHouseClient;
  const logger = createLogger('conformance', 'warn');

  beforeAll(async () => {
    chdb = await chdbClient();
    await chdb.command({ query: 'CREATE DATABASE datasets_conformance' });
    await chdb.command({ query: 'USE datasets_conformance' });
    // The store and the migration runner take the @clickhouse/client type; chDB answers the
    // subset of it they call.
    client = chdb as unknown as ClickHouseClient;
  });

  afterAll(() => chdb.close());

  async function rows(query: string): Promise<Record<string, unknown>[]> {
    const result = await chdb.query({
      query,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return (await result.json<Record<string, unknown>>()).map(withFourDecimals);
  }

  it('runs the migrations, twice without effect', async () => {
    const migrations = readClickHouseMigrations(DATASET_MIGRATIONS);
    expect(await runClickHouseMigrations(client, migrations, logger)).toEqual([
      '1001_ev',
      '1002_banking',
      '1003_energy',
      '1004_retail',
      '1005_ingest_rejections',
      '1006_banking_rollups',
      '1007_banking_rollups_recomputed',
    ]);
    expect(await runClickHouseMigrations(client, migrations, logger)).toEqual([]);
  });

  it('projects every delivery, twice and in two orders, to the rows ClickHouse 18.16 holds', async () => {
    const store = new ClickHouseDatasetStore(client);
    // All of it, then all of it again backwards (an older version of a dimension last, and
    // first): each table's inserts as the write-behind sends them.
    for (const batch of [DELIVERIES, [...DELIVERIES].reverse()]) {
      const { error } = await writeTables(store, rowsOf(batch));
      expect(error).toBeUndefined();
    }
    for (const table of PROJECTED_TABLES) {
      expect({ table, rows: await rows(TABLE_QUERIES[table]) }).toEqual({
        table,
        rows: EXPECTED_ROWS[table],
      });
    }
  });

  it('splits an insert spanning more months than ClickHouse takes partitions in one insert', async () => {
    // 150 months: current ClickHouse refuses one insert touching over 100 partitions.
    const months = 150;
    const events = Array.from({ length: months }, (_, i) => ({
      ...VALID_EVENTS['banking.transactions'],
      metadata: fixtureMetadata(`00000000-0000-4000-8001-${String(i).padStart(12, '0')}`),
      client_id: 'c-months',
      transaction_date: new Date(Date.UTC(2010, i, 15)),
      amount: '1.0001',
    }));
    expect(PARTITIONS_PER_INSERT).toBeLessThanOrEqual(100);
    await new ClickHouseDatasetStore(client).insert(
      'banking_transactions',
      events.map(bankingTransactionRow),
    );
    expect(
      await rows(`SELECT count() AS n, uniqExact(toYYYYMM(transaction_date)) AS months,
                         toString(sum(amount)) AS amount
                  FROM banking_transactions FINAL WHERE client_id = 'c-months'`),
    ).toEqual([{ n: months, months, amount: '150.0150' }]);
  });
});
