import { fixtureMetadata } from '@tributary/contracts';
import {
  date,
  dateTime,
  dimensionVersion,
  finite,
  money,
  provenance,
  UnprojectableValueError,
} from './row-values';

const json = (value: unknown) => JSON.stringify(value);

describe('money', () => {
  it('writes the decimal as exact, unquoted number text with four decimals', () => {
    expect(json({ amount: money('amount', '12.34') })).toBe('{"amount":12.3400}');
    expect(json({ amount: money('amount', '-250.0000') })).toBe('{"amount":-250.0000}');
    expect(json({ amount: money('amount', '0007.5') })).toBe('{"amount":7.5000}');
    expect(json({ amount: money('amount', '-0.0000') })).toBe('{"amount":0.0000}');
    // 18 significant digits: a double would print 100000000000000 here.
    expect(json({ amount: money('amount', '99999999999999.9999') })).toBe(
      '{"amount":99999999999999.9999}',
    );
  });

  it('refuses what a Decimal(18,4) cannot hold', () => {
    for (const bad of ['1.23456', '123456789012345.0', '1e3', '', '12,5']) {
      expect(() => money('amount', bad)).toThrow(UnprojectableValueError);
    }
    expect(() => money('amount', '1.23456')).toThrow('amount: "1.23456" is not a Decimal(18,4)');
  });
});

describe('dateTime and date', () => {
  it('writes UTC to the second, dropping milliseconds', () => {
    expect(dateTime('t', new Date('2026-11-22T10:59:59.999Z'))).toBe('2026-11-22 10:59:59');
    expect(dateTime('t', new Date('1970-01-01T00:00:00.000Z'))).toBe('1970-01-01 00:00:00');
    expect(dateTime('t', new Date('2105-12-31T23:59:59.999Z'))).toBe('2105-12-31 23:59:59');
  });

  it('formats every second of the range like toISOString does', () => {
    const end = Date.UTC(2106, 0, 1);
    for (let i = 0; i < 5_000; i++) {
      // A spread of instants (a fixed sequence, so a failure reproduces), and repeats.
      const ms = Math.floor((((i * 2_654_435_761) % 4_294_967_296) / 4_294_967_296) * end);
      for (const at of [new Date(ms), new Date(ms)]) {
        expect(dateTime('t', at)).toBe(at.toISOString().slice(0, 19).replace('T', ' '));
      }
    }
  });

  it('refuses instants and days outside ClickHouse Date and DateTime (18.16 would store 0000-00-00)', () => {
    expect(() => dateTime('created_at', new Date('1969-12-31T23:59:59.999Z'))).toThrow(
      "created_at: 1969-12-31T23:59:59.999Z is outside ClickHouse DateTime's range (1970-01-01 to 2105-12-31)",
    );
    expect(() => dateTime('t', new Date('2106-01-01T00:00:00.000Z'))).toThrow(
      UnprojectableValueError,
    );
    expect(() => dateTime('t', new Date(Number.NaN))).toThrow('t: invalid date');
    expect(date('d', '1970-01-01')).toBe('1970-01-01');
    expect(date('d', '2105-12-31')).toBe('2105-12-31');
    expect(() => date('signup_date', '1965-04-01')).toThrow(
      'signup_date: "1965-04-01" is outside ClickHouse Date\'s range (1970-01-01 to 2105-12-31)',
    );
    expect(() => date('d', '2106-01-01')).toThrow(UnprojectableValueError);
  });
});

describe('finite', () => {
  it('refuses NaN and infinities, which JSON cannot carry', () => {
    expect(finite('x', -0.5)).toBe(-0.5);
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      expect(() => finite('energy_kwh', bad)).toThrow(
        `energy_kwh: ${String(bad)} is not a finite number`,
      );
    }
  });
});

describe('dimensionVersion', () => {
  const at = (iso: string, row: number | null) =>
    json(
      dimensionVersion(
        fixtureMetadata('00000000-0000-4000-8000-000000000001', {
          occurred_at: new Date(iso),
          source: { kind: 'file', reference: 'job', row_number: row },
        }),
      ),
    );

  it('is occurred_at in ms × 2^22 + row_number, as exact UInt64 text', () => {
    // 2026-11-22T10:00:00Z is 1,795,341,600,000 ms; × 4,194,304 = 7,530,208,454,246,400,000.
    expect(at('2026-11-22T10:00:00.000Z', 1)).toBe('7530208454246400001');
    expect(at('2026-11-22T10:00:00.000Z', null)).toBe('7530208454246400000');
    // The last ms of 2105 with the highest row still fits in a UInt64 (< 18,446,744,073,709,551,616).
    expect(at('2105-12-31T23:59:59.999Z', 4_194_303)).toBe('18000892447948799999');
  });

  it('orders by time first, then by row, and saturates past 4,194,303 rows', () => {
    const v = (iso: string, row: number) => BigInt(at(iso, row));
    expect(v('2026-11-22T10:00:00.001Z', 1)).toBeGreaterThan(
      v('2026-11-22T10:00:00.000Z', 4_194_303),
    );
    expect(v('2026-11-22T10:00:00.000Z', 8)).toBeGreaterThan(v('2026-11-22T10:00:00.000Z', 7));
    expect(v('2026-11-22T10:00:00.000Z', 5_000_000)).toBe(v('2026-11-22T10:00:00.000Z', 4_194_303));
  });
});

describe('provenance', () => {
  it('keeps the event id, source kind, job, row and ingestion second', () => {
    expect(provenance(fixtureMetadata('00000000-0000-4000-8000-000000000001'))).toEqual({
      event_id: '00000000-0000-4000-8000-000000000001',
      source_kind: 'file',
      job_id: '6f1c1f6e-2a57-4e0b-9d55-1c9b1c1a0001',
      row_number: 1,
      ingested_at: '2026-11-22 10:00:01',
    });
  });

  it('writes a missing reference as an empty job and a missing row as 0; refuses a negative row', () => {
    const metadata = (row_number: number | null) =>
      fixtureMetadata('00000000-0000-4000-8000-000000000001', {
        source: { kind: 'stream', reference: null, row_number },
      });
    expect(provenance(metadata(null))).toMatchObject({
      source_kind: 'stream',
      job_id: '',
      row_number: 0,
    });
    expect(() => provenance(metadata(-1))).toThrow('metadata.source.row_number: -1 is negative');
  });
});
