import { clickHouseTestDatabase } from './clickhouse.test-bed';
import { clickHouseCall } from './clickhouse-errors';
import { insertRowBinary, type RowBinaryColumn } from './row-binary';

const exact = (text: string) => (JSON as unknown as { rawJSON(t: string): object }).rawJSON(text);

/** Every type the projectors insert, and the Nullable of each scalar. */
const COLUMNS: readonly RowBinaryColumn[] = [
  { name: 'id', type: 'UInt16' },
  { name: 's', type: 'String' },
  { name: 'ns', type: 'Nullable(String)' },
  { name: 'f', type: 'Float64' },
  { name: 'nf', type: 'Nullable(Float64)' },
  { name: 'i', type: 'Int64' },
  { name: 'u', type: 'UInt64' },
  { name: 'amount', type: 'Decimal(18, 4)' },
  { name: 'namount', type: 'Nullable(Decimal(18, 4))' },
  { name: 'd', type: 'Date' },
  { name: 'nd', type: 'Nullable(Date)' },
  { name: 't', type: "DateTime('UTC')" },
  { name: 'nt', type: "Nullable(DateTime('UTC'))" },
  { name: 'tags', type: 'Array(String)' },
  { name: 'vals', type: 'Array(Float64)' },
];

/**
 * RowBinary inserts on the stack's ClickHouse 18.16: each value read back as text, the way the
 * server itself prints it, equal to what the row said.
 */
describe('insertRowBinary on ClickHouse 18.16', () => {
  const bed = clickHouseTestDatabase('row_binary');

  beforeAll(async () => {
    await bed.client.command({
      query: `CREATE TABLE every_type (${COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ')})
              ENGINE = MergeTree ORDER BY id`,
    });
  });

  it('inserts every type and reads back the values the rows held', async () => {
    const hostile = "O'Brien\\\t\n\0 – 東京 🚗";
    const rows = [
      {
        id: 1,
        s: hostile,
        ns: 'x'.repeat(300),
        f: -1.5e-300,
        nf: 0.1,
        i: exact('-9223372036854775808'),
        u: exact('18446744073709551615'),
        amount: exact('99999999999999.9999'),
        namount: '-0.0001',
        d: '2105-12-31',
        // Not the epoch itself: 18.16 prints day 0 as 0000-00-00, whatever format wrote it.
        nd: '1970-01-02',
        t: '2026-11-22 10:00:59',
        nt: '1970-01-01 00:00:01',
        tags: ['a', '', 'ü'],
        vals: [1, -0.25, 1e21],
      },
      {
        id: 2,
        s: '',
        ns: null,
        f: 0,
        nf: null,
        i: 42,
        u: 2 ** 53 - 1,
        amount: 12.34,
        namount: null,
        d: '2024-02-29',
        nd: null,
        t: '2105-12-31 23:59:59',
        nt: null,
        tags: [],
        vals: [],
      },
    ];
    await clickHouseCall(() => insertRowBinary(bed.client, 'every_type', COLUMNS, rows));

    const result = await bed.client.query({
      query: `SELECT id, s, ns, f, nf, toString(i) AS i, toString(u) AS u,
                     toString(amount) AS amount, toString(namount) AS namount,
                     toString(d) AS d, toString(nd) AS nd, toString(t) AS t, toString(nt) AS nt,
                     tags, vals
              FROM every_type ORDER BY id`,
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual([
      {
        id: 1,
        s: hostile,
        ns: 'x'.repeat(300),
        f: -1.5e-300,
        nf: 0.1,
        i: '-9223372036854775808',
        u: '18446744073709551615',
        amount: '99999999999999.9999',
        namount: '-0.0001',
        d: '2105-12-31',
        nd: '1970-01-02',
        t: '2026-11-22 10:00:59',
        nt: '1970-01-01 00:00:01',
        tags: ['a', '', 'ü'],
        vals: [1, -0.25, 1e21],
      },
      {
        id: 2,
        s: '',
        ns: null,
        f: 0,
        nf: null,
        i: '42',
        u: '9007199254740991',
        amount: '12.3400',
        namount: null,
        d: '2024-02-29',
        nd: null,
        t: '2105-12-31 23:59:59',
        nt: null,
        tags: [],
        vals: [],
      },
    ]);
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
