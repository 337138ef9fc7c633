import avro from 'avsc';
import { bigIntToBytes, bytesToBigInt, logicalTypes } from './logical-types';

const type = (schema: object) => avro.Type.forSchema(schema as avro.Schema, { logicalTypes });

describe('decimal bytes', () => {
  it.each([
    [0n, '00'],
    [1n, '01'],
    [127n, '7f'],
    [128n, '0080'],
    [-1n, 'ff'],
    [-128n, '80'],
    [-129n, 'ff7f'],
    [123456789n, '075bcd15'],
  ])('%p is the two’s complement %s', (value, hex) => {
    expect(bigIntToBytes(value).toString('hex')).toBe(hex);
    expect(bytesToBigInt(Buffer.from(hex, 'hex'))).toBe(value);
  });
});

describe('decimal(18, 4) ⇄ string', () => {
  const money = type({ type: 'bytes', logicalType: 'decimal', precision: 18, scale: 4 });

  it.each([
    ['12.34', '12.3400'],
    ['-0.0001', '-0.0001'],
    ['0', '0.0000'],
    ['00012.5', '12.5000'],
    ['99999999999999.9999', '99999999999999.9999'],
  ])('%s round-trips as %s', (input, output) => {
    expect(money.fromBuffer(money.toBuffer(input))).toBe(output);
  });

  it('stores 12.34 as the unscaled integer 123400', () => {
    // bytes are length-prefixed (zigzag varint 3 → 0x06), then 0x01e208 = 123400.
    expect(money.toBuffer('12.34').toString('hex')).toBe('0601e208');
  });

  it.each(['1.23456', '1e3', '12,5', '', ' 1', '999999999999999.0000', 12.5])(
    'refuses %p',
    (input) => expect(money.isValid(input)).toBe(false),
  );
});

describe('date ⇄ YYYY-MM-DD', () => {
  const day = type({ type: 'int', logicalType: 'date' });

  it('counts days since 1970-01-01', () => {
    // 2024-02-29 is 19782 days after the epoch (54 years incl. 13 leap days, + 59 days).
    expect(day.fromBuffer(day.toBuffer('2024-02-29'))).toBe('2024-02-29');
    expect(avro.Type.forSchema('int').fromBuffer(day.toBuffer('2024-02-29'))).toBe(19782);
    expect(avro.Type.forSchema('int').fromBuffer(day.toBuffer('1969-12-31'))).toBe(-1);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-1-1', '20260101', new Date()])(
    'refuses %p',
    (input) => {
      expect(day.isValid(input)).toBe(false);
    },
  );
});

describe('timestamp-millis ⇄ Date', () => {
  const ts = type({ type: 'long', logicalType: 'timestamp-millis' });

  it('keeps milliseconds', () => {
    const at = new Date('2026-11-22T10:15:30.123Z');
    expect(ts.fromBuffer(ts.toBuffer(at))).toEqual(at);
    expect(avro.Type.forSchema('long').fromBuffer(ts.toBuffer(at))).toBe(1795342530123);
  });

  it.each([new Date('nope'), '2026-11-22T10:15:30Z', 1795342530123])('refuses %p', (input) => {
    expect(ts.isValid(input)).toBe(false);
  });
});

describe('uuid', () => {
  const id = type({ type: 'string', logicalType: 'uuid' });

  it('accepts a UUID and refuses anything else', () => {
    expect(id.isValid('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(true);
    expect(id.isValid('0f8fad5b')).toBe(false);
  });
});

describe('schema resolution', () => {
  const schema = (fields: object[]) => ({ type: 'record', name: 'R', fields });
  const fields = [
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 18, scale: 4 } },
    { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
  ];
  const value = {
    at: new Date('2026-11-22T10:00:00.000Z'),
    day: '2026-11-21',
    amount: '-12.5000',
    id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  };

  it('reads a writer of the same logical types unchanged', () => {
    const writer = type(schema([...fields, { name: 'extra', type: 'string' }]));
    const reader = type(schema(fields));
    const bytes = writer.toBuffer({ ...value, extra: 'dropped' });
    expect(reader.fromBuffer(bytes, reader.createResolver(writer))).toEqual(value);
  });

  it('reads a writer of the bare underlying types, converting them', () => {
    const writer = avro.Type.forSchema(
      schema([
        { name: 'at', type: 'long' },
        { name: 'day', type: 'int' },
      ]) as avro.Schema,
    );
    const reader = type(schema(fields.slice(0, 2)));
    const bytes = writer.toBuffer({ at: 1795342530123, day: 19782 });
    expect(reader.fromBuffer(bytes, reader.createResolver(writer))).toEqual({
      at: new Date('2026-11-22T10:15:30.123Z'),
      day: '2024-02-29',
    });
  });
});
