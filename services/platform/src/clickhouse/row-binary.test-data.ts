import { type RowBinaryColumn } from './row-binary';

/**
 * A table of every type the projectors insert, rows of it, and what reading them back as text
 * gives: shared by the insert's test on 18.16 and its conformance test on current ClickHouse.
 */

const exact = (text: string) => (JSON as unknown as { rawJSON(t: string): object }).rawJSON(text);

/** Every type the projectors insert, and the Nullable of each scalar. */
export const EVERY_TYPE_COLUMNS: readonly RowBinaryColumn[] = [
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

const hostile = "O'Brien\\\t\n\0 – 東京 🚗";
export const EVERY_TYPE_ROWS = [
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

/** The rows read back, every value as the server prints it. */
export const EVERY_TYPE_QUERY = `SELECT id, s, ns, f, nf, toString(i) AS i, toString(u) AS u,
                     toString(amount) AS amount, toString(namount) AS namount,
                     toString(d) AS d, toString(nd) AS nd, toString(t) AS t, toString(nt) AS nt,
                     tags, vals
              FROM every_type ORDER BY id`;

export const EVERY_TYPE_READ_BACK = [
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
];
