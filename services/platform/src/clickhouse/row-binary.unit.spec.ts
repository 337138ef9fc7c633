import { Readable } from 'node:stream';
import {
  insertRowBinary,
  RowBinaryEncoder,
  RowBinaryTypeError,
  RowBinaryValueError,
  type RowBinaryClient,
} from './row-binary';

const exact = (text: string) => (JSON as unknown as { rawJSON(t: string): object }).rawJSON(text);

/** Hex bytes as written by hand, spaces ignored. */
const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

const COLUMNS = [
  { name: 's', type: 'String' },
  { name: 'f', type: 'Float64' },
  { name: 'nf', type: 'Nullable(Float64)' },
  { name: 'i', type: 'Int64' },
  { name: 'u', type: 'UInt64' },
  { name: 'ms', type: 'UInt16' },
  { name: 'amount', type: 'Decimal(18, 4)' },
  { name: 'd', type: 'Date' },
  { name: 't', type: "DateTime('UTC')" },
  { name: 'tags', type: 'Array(String)' },
  { name: 'vals', type: 'Array(Float64)' },
  { name: 'ns', type: 'Nullable(String)' },
];

describe('RowBinaryEncoder', () => {
  const encoder = new RowBinaryEncoder('db.t', COLUMNS);

  it('names the table and its columns in the insert statement', () => {
    expect(encoder.statement).toBe(
      'INSERT INTO `db`.`t` (`s`, `f`, `nf`, `i`, `u`, `ms`, `amount`, `d`, `t`, `tags`, `vals`, `ns`) FORMAT RowBinary',
    );
  });

  it('writes each type as ClickHouse reads it, little-endian, in column order', () => {
    const rows = [
      {
        s: 'ab',
        f: 1.5,
        nf: null,
        i: -2,
        u: exact('4294967297'), // 2^32 + 1, as row-values writes a UInt64 version
        ms: 513,
        amount: exact('12.3400'),
        d: '1970-01-02',
        t: '1970-01-01 00:01:40',
        tags: ['x', ''],
        vals: [-0.5],
        ns: 'é',
      },
      {
        s: '',
        f: 0,
        nf: 2,
        i: exact('-9223372036854775808'),
        u: 2n ** 64n - 1n,
        ms: 65_535,
        amount: '-250',
        d: '2105-12-31',
        t: '2105-12-31 23:59:59',
        tags: [],
        vals: [],
        ns: null,
      },
    ];
    expect(encoder.encode(rows).toString('hex')).toBe(
      hex(`
        02 6162
        000000000000f83f
        01
        feffffffffffffff
        0100000001000000
        0102
        08e2010000000000
        0100
        64000000
        02 01 78 00
        01 000000000000e0bf
        00 02 c3a9

        00
        0000000000000000
        00 0000000000000040
        0000000000000080
        ffffffffffffffff
        ffff
        60dad9ffffffffff
        08c2
        7fddceff
        00
        00
        01
      `).toString('hex'),
    );
  });

  it('writes a DateTime from a Date as from its UTC text, dropping milliseconds', () => {
    const timeOnly = new RowBinaryEncoder('db.t', [{ name: 't', type: "DateTime('UTC')" }]);
    // 2026-11-22 10:15:01 UTC is 1,795,342,501 s since the epoch: 0x6B02C0A5 (Python's calendar.timegm), little-endian; 2105-12-31 23:59:59 is 4,291,747,199.
    expect(Date.UTC(2026, 10, 22, 10, 15, 1) / 1000).toBe(1_795_342_501);
    const bytes = timeOnly.encode([
      { t: new Date('2026-11-22T10:15:01.999Z') },
      { t: '2026-11-22 10:15:01' },
      { t: new Date(Date.UTC(2105, 11, 31, 23, 59, 59)) },
    ]);
    expect(bytes).toEqual(hex('a5c0026b a5c0026b 7fddceff'));
  });

  it('converts decimals exactly from their text, including past 2^53', () => {
    const decimal = new RowBinaryEncoder('t', [{ name: 'a', type: 'Decimal(18, 4)' }]);
    const rows = [
      { a: exact('99999999999999.9999') }, // 10^18 - 1
      { a: '-0.0001' },
      { a: 0.1 }, // a number is its printed text: 1000, not 0.1 × 10^4 in doubles
      { a: '007.5' },
      { a: '-99999999999999.9999' },
    ];
    expect(decimal.encode(rows).toString('hex')).toBe(
      hex(`
        ffff63a7b3b6e00d
        ffffffffffffffff
        e803000000000000
        f824010000000000
        01009c584c491ff2
      `).toString('hex'),
    );
    const small = new RowBinaryEncoder('t', [{ name: 'a', type: 'Decimal(9, 2)' }]);
    expect(small.encode([{ a: '-1.5' }]).toString('hex')).toBe('6affffff');
  });

  it('writes string lengths as LEB128 past one byte, whatever the characters', () => {
    const strings = new RowBinaryEncoder('t', [{ name: 's', type: 'String' }]);
    const euros = '€'.repeat(50); // 150 bytes in 50 UTF-16 units
    const latin = 'é'.repeat(42); // 84 bytes: the longest a one-byte length is taken on trust
    const encoded = strings.encode([
      { s: 'a'.repeat(200) },
      { s: euros },
      { s: latin },
      { s: 'aé' }, // ASCII first, then not: the byte-by-byte copy hands over to UTF-8
    ]);
    expect(encoded).toEqual(
      Buffer.concat([
        hex('c801'),
        Buffer.alloc(200, 'a'),
        hex('9601'),
        Buffer.from(euros),
        hex('54'),
        Buffer.from(latin),
        hex('03 61 c3a9'),
      ]),
    );
  });

  it('grows its one buffer past the first guess', () => {
    const strings = new RowBinaryEncoder('t', [{ name: 's', type: 'String' }]);
    const long = 'x'.repeat(10_000);
    const encoded = strings.encode([{ s: long }, { s: long }]);
    expect(encoded.length).toBe(2 * (2 + 10_000));
    expect(encoded.subarray(10_002, 10_004).toString('hex')).toBe('904e');
  });

  describe('refuses a value its column cannot hold, naming table, column and row', () => {
    /** What encoding a valid first row and then `value` throws. */
    const refusal = (type: string, value: unknown, first: unknown = VALID[type] ?? null) => {
      const one = new RowBinaryEncoder('analytics.t', [
        { name: 'event_id', type: 'String' },
        { name: 'c', type },
      ]);
      try {
        one.encode([
          { event_id: 'e-1', c: first },
          { event_id: 'e-2', c: value },
        ]);
      } catch (error) {
        return {
          type: error instanceof RowBinaryValueError,
          code: (error as RowBinaryValueError).code,
          retriable: (error as RowBinaryValueError).retriable,
          message: (error as Error).message,
        };
      }
      return 'accepted';
    };
    const prefix = 'analytics.t.c, row 1 of 2, event_id e-2: ';

    it.each([
      ['Float64', Number.NaN, 'NaN is not a finite number'],
      ['Float64', Number.POSITIVE_INFINITY, 'Infinity is not a finite number'],
      ['Nullable(Float64)', Number.NaN, 'NaN is not a finite number'],
      ['Float64', '1.5', '"1.5" is not a finite number'],
      ['Int64', '3', '"3" is not an integer'],
      ['Int64', 1.5, '1.5 is not a whole number within ±2^53'],
      ['Int64', 2 ** 53, '9007199254740992 is not a whole number within ±2^53'],
      ['UInt64', -1, '-1 is outside UInt64 (0 to 18446744073709551615)'],
      ['UInt64', 2n ** 64n, '18446744073709551616n is outside UInt64 (0 to 18446744073709551615)'],
      ['UInt16', 65_536, '65536 is outside UInt16 (0 to 65535)'],
      [
        'Decimal(18, 4)',
        exact('12.34567'),
        '12.34567 does not fit Decimal(18, 4) (at most 14 whole digits and 4 decimals)',
      ],
      [
        'Decimal(18, 4)',
        '123456789012345',
        '"123456789012345" does not fit Decimal(18, 4) (at most 14 whole digits and 4 decimals)',
      ],
      [
        'Decimal(18, 4)',
        0.1 + 0.2,
        '0.30000000000000004 does not fit Decimal(18, 4) (at most 14 whole digits and 4 decimals)',
      ],
      ['Decimal(18, 4)', '1e3', '"1e3" is not a decimal'],
      ['Decimal(18, 4)', '1.', '"1." is not a decimal'],
      ['Decimal(18, 4)', '-', '"-" is not a decimal'],
      ['Date', '2026-02-30', '"2026-02-30" is not a date as YYYY-MM-DD from 1970 to 2105'],
      ['Date', '0075-01-01', '"0075-01-01" is not a date as YYYY-MM-DD from 1970 to 2105'],
      ['Date', '2106-01-01', '"2106-01-01" is not a date as YYYY-MM-DD from 1970 to 2105'],
      [
        "DateTime('UTC')",
        '2026-01-01T00:00:00Z',
        '"2026-01-01T00:00:00Z" is not a UTC time as YYYY-MM-DD hh:mm:ss from 1970 to 2105',
      ],
      [
        "DateTime('UTC')",
        '2106-01-01 00:00:00',
        '"2106-01-01 00:00:00" is not a UTC time as YYYY-MM-DD hh:mm:ss from 1970 to 2105',
      ],
      [
        "DateTime('UTC')",
        '2026-01-01 24:00:00',
        '"2026-01-01 24:00:00" is not a UTC time as YYYY-MM-DD hh:mm:ss from 1970 to 2105',
      ],
      [
        "DateTime('UTC')",
        new Date(Date.UTC(2106, 0, 1)),
        '2106-01-01T00:00:00.000Z is not a time from 1970 to 2105',
      ],
      ["DateTime('UTC')", new Date(-1), '1969-12-31T23:59:59.999Z is not a time from 1970 to 2105'],
      ["DateTime('UTC')", new Date(Number.NaN), 'an invalid Date is not a time from 1970 to 2105'],
      ['String', 42, '42 is not a string'],
      ['String', 'a\ud800b', 'the string has a lone UTF-16 surrogate'],
      ['Array(Float64)', [1, Number.NaN], 'element 1: NaN is not a finite number'],
      ['Array(String)', 'x', '"x" is not an array'],
      ['Nullable(String)', undefined, 'the row has no value for it'],
    ])('%s given %p', (type, value, reason) => {
      expect(refusal(type, value)).toEqual({
        type: true,
        code: 'CLICKHOUSE.UNENCODABLE_VALUE',
        retriable: false,
        message: prefix + reason,
      });
    });

    it('refuses NULL in a column that is not Nullable', () => {
      expect(refusal('Float64', 1, null)).toEqual({
        type: true,
        code: 'CLICKHOUSE.UNENCODABLE_VALUE',
        retriable: false,
        message: 'analytics.t.c, row 0 of 2, event_id e-1: null is not a finite number',
      });
    });
  });

  it('refuses, when made, a type it does not write', () => {
    for (const type of ['DateTime', "DateTime('Europe/Berlin')", 'Decimal(38, 4)', 'UUID']) {
      expect(() => new RowBinaryEncoder('t', [{ name: 'c', type }])).toThrow(
        new RowBinaryTypeError(`RowBinary: column type ${type} is not supported`),
      );
    }
  });
});

const VALID: Record<string, unknown> = {
  Float64: 1,
  Int64: 1,
  UInt64: 1,
  UInt16: 1,
  'Decimal(18, 4)': '1',
  Date: '2026-01-01',
  "DateTime('UTC')": '2026-01-01 00:00:00',
  String: 's',
  'Array(Float64)': [],
  'Array(String)': [],
};

describe('insertRowBinary', () => {
  it('sends the statement and the rows as the body of exec, and reads the answer to its end', async () => {
    const sent: { query: string; body: Buffer }[] = [];
    let answerRead = false;
    const client = {
      async exec({ query, values }: { query: string; values: Readable }) {
        const chunks: Buffer[] = [];
        for await (const chunk of values) chunks.push(chunk as Buffer);
        sent.push({ query, body: Buffer.concat(chunks) });
        const stream = Readable.from([Buffer.alloc(0)]).on('end', () => (answerRead = true));
        return { stream, query_id: 'q', response_headers: {}, http_status_code: 200 };
      },
    } as unknown as RowBinaryClient;
    const columns = [
      { name: 'id', type: 'String' },
      { name: 'n', type: 'UInt16' },
    ];
    await insertRowBinary(client, 'x', columns, [{ id: 'a', n: 1, ignored: 'not a column' }]);
    await insertRowBinary(client, 'x', columns, []);
    expect(sent).toEqual([
      { query: 'INSERT INTO `x` (`id`, `n`) FORMAT RowBinary', body: hex('01 61 0100') },
    ]);
    expect(answerRead).toBe(true);
  });
});
