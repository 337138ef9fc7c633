import { clickHouseTestDatabase } from './clickhouse.test-bed';
import { clickHouseCall } from './clickhouse-errors';
import { insertRowBinary } from './row-binary';
import {
  EVERY_TYPE_COLUMNS,
  EVERY_TYPE_QUERY,
  EVERY_TYPE_READ_BACK,
  EVERY_TYPE_ROWS,
} from './row-binary.test-data';

/**
 * RowBinary inserts on the stack's ClickHouse 18.16: each value read back as text, the way the
 * server itself prints it, equal to what the row said.
 */
describe('insertRowBinary on ClickHouse 18.16', () => {
  const bed = clickHouseTestDatabase('row_binary');

  beforeAll(async () => {
    await bed.client.command({
      query: `CREATE TABLE every_type (${EVERY_TYPE_COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ')})
              ENGINE = MergeTree ORDER BY id`,
    });
  });

  it('inserts every type and reads back the values the rows held', async () => {
    await clickHouseCall(() =>
      insertRowBinary(bed.client, 'every_type', EVERY_TYPE_COLUMNS, EVERY_TYPE_ROWS),
    );

    const result = await bed.client.query({ query: EVERY_TYPE_QUERY, format: 'JSONEachRow' });
    expect(await result.json()).toEqual(EVERY_TYPE_READ_BACK);
  });

  it('inserts nothing when it refuses a value, so a retry cannot double what landed', async () => {
    const columns = [
      { name: 'id', type: 'UInt16' },
      { name: 'f', type: 'Float64' },
    ];
    await bed.client.command({
      query: 'CREATE TABLE refused (id UInt16, f Float64) ENGINE = MergeTree ORDER BY id',
    });
    const failure = await insertRowBinary(bed.client, 'refused', columns, [
      { id: 1, f: 1 },
      { id: 2, f: Number.NaN },
    ]).catch((error: unknown) => (error as Error).message);
    const count = await bed.client.query({
      query: 'SELECT count() AS n FROM refused',
      format: 'JSONEachRow',
    });
    expect({ failure, rows: await count.json() }).toEqual({
      failure: 'refused.f, row 1 of 2: NaN is not a finite number',
      rows: [{ n: '0' }],
    });
  });
});
