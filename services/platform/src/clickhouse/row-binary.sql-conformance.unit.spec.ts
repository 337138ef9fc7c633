import { chdbClient, type ChdbClient } from '@tributary/testing';
import { insertRowBinary } from './row-binary';
import {
  EVERY_TYPE_COLUMNS,
  EVERY_TYPE_QUERY,
  EVERY_TYPE_READ_BACK,
  EVERY_TYPE_ROWS,
} from './row-binary.test-data';

/** Current ClickHouse prints a Decimal without its trailing zeros (12.34); 18.16 as 12.3400. */
const withFourDecimals = (value: unknown) => {
  if (typeof value !== 'string') return value;
  const [whole, fraction = ''] = value.split('.');
  return `${whole}.${fraction.padEnd(4, '0')}`;
};

/**
 * The same RowBinary insert on the current ClickHouse engine (chDB 26.x), held to the values
 * 18.16 reads back in row-binary.int.spec.ts.
 */
describe('insertRowBinary on current ClickHouse (chDB)', () => {
  let chdb: ChdbClient;

  beforeAll(async () => {
    chdb = await chdbClient();
    await chdb.command({ query: 'CREATE DATABASE row_binary_conformance' });
    await chdb.command({ query: 'USE row_binary_conformance' });
  });

  afterAll(() => chdb.close());

  it('inserts every type and reads back what 18.16 reads back', async () => {
    await chdb.command({
      query: `CREATE TABLE every_type
              (${EVERY_TYPE_COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ')})
              ENGINE = MergeTree ORDER BY id`,
    });
    await insertRowBinary(chdb, 'every_type', EVERY_TYPE_COLUMNS, EVERY_TYPE_ROWS);
    const result = await chdb.query({ query: EVERY_TYPE_QUERY, format: 'JSONEachRow' });
    const rows = (await result.json<Record<string, unknown>>()).map((row) => ({
      ...row,
      amount: withFourDecimals(row.amount),
      namount: withFourDecimals(row.namount),
    }));
    expect(rows).toEqual(EVERY_TYPE_READ_BACK);
  });
});
