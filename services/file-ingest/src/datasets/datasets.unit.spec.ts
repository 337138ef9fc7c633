import { COLUMNS, Random, type Dataset } from '@tributary/testing';
import { type TributaryCommon } from '@tributary/contracts';
import { type RawRecord } from '../formats/record-reader';
import { DATASET_SPECS, DATASETS, type DatasetName } from './datasets';
import {
  day,
  money,
  number,
  parseIsoMillis,
  parseIsoMillisByPattern,
  timestamp,
} from './field-parsers';
import { ColumnsMismatchError, detectDataset, RowMapper } from './row-mapper';

const RECEIVED = new Date('2026-11-22T09:00:00Z');
const metadataFor = (
  rowNumber: number,
  occurredAt: Date | null,
): TributaryCommon.EventMetadata => ({
  event_id: `00000000-0000-4000-8000-${String(rowNumber).padStart(12, '0')}`,
  occurred_at: occurredAt ?? RECEIVED,
  ingested_at: RECEIVED,
  source: { kind: 'file', reference: 'job-1', row_number: rowNumber },
  trace_id: 'job-1',
});
const mapper = <D extends DatasetName>(name: D) => new RowMapper(DATASET_SPECS[name], metadataFor);
const record = (values: RawRecord['values'], rowNumber = 1): RawRecord => ({
  rowNumber,
  values,
  raw: Object.values(values).join(','),
});

describe('field parsers', () => {
  it('reads numbers written plainly and refuses locale or junk forms', () => {
    expect(number(' 12.5 ')).toEqual({ ok: true, value: 12.5 });
    expect(number('-3e2')).toEqual({ ok: true, value: -300 });
    expect(number('')).toEqual({ ok: true, value: null });
    expect(number('12,5')).toEqual({ ok: false, reason: 'must be a number, got "12,5"' });
    expect(number('lots')).toEqual({ ok: false, reason: 'must be a number, got "lots"' });
  });

  it('keeps money exact with 4 decimals and refuses a fifth', () => {
    expect(money('12.3')).toEqual({ ok: true, value: '12.3000' });
    expect(money('-0.5')).toEqual({ ok: true, value: '-0.5000' });
    expect(money('007')).toEqual({ ok: true, value: '7.0000' });
    expect(money(19.99)).toEqual({ ok: true, value: '19.9900' });
    expect(money('1.23456')).toEqual({
      ok: false,
      reason: 'must have at most 4 decimals, got "1.23456"',
    });
    expect(money('€5')).toEqual({ ok: false, reason: 'must be an amount like 12.34, got "€5"' });
  });

  it('reads ISO date-times with or without a zone (UTC), dates alone and Excel serials', () => {
    const ok = (v: Parameters<typeof timestamp>[0]) => {
      const parsed = timestamp(v);
      return parsed.ok ? parsed.value?.toISOString() : parsed.reason;
    };
    expect(ok('2026-10-01T08:30:00Z')).toBe('2026-10-01T08:30:00.000Z');
    expect(ok('2026-10-01T08:30:00.123+02:00')).toBe('2026-10-01T06:30:00.123Z');
    expect(ok('2026-10-01 08:30')).toBe('2026-10-01T08:30:00.000Z');
    expect(ok('2026-10-01')).toBe('2026-10-01T00:00:00.000Z');
    // 46,296 days after 1899-12-30 is 2026-10-01; .75 of a day is 18:00.
    expect(ok(46296.75)).toBe('2026-10-01T18:00:00.000Z');
    expect(ok('31/02/2026 25:61')).toBe('must be an ISO-8601 date-time, got "31/02/2026 25:61"');
    // Days the calendar lacks are named as such, whatever the layout around them.
    expect(ok('2026-02-30')).toBe('is not a day of the calendar, got "2026-02-30"');
    expect(ok('2026-02-29T10:00:00Z')).toBe(
      'is not a day of the calendar, got "2026-02-29T10:00:00Z"',
    );
    expect(ok('2028-02-29T10:00:00Z')).toBe('2028-02-29T10:00:00.000Z');
    expect(ok('2026-04-31 08:00')).toBe('is not a day of the calendar, got "2026-04-31 08:00"');
    expect(ok('2026-01-01T24:00:00Z')).toBe(
      'must be an ISO-8601 date-time, got "2026-01-01T24:00:00Z"',
    );
  });

  it('reads the common ISO layout by characters exactly as the patterns read it', () => {
    const at = (text: string) => {
      const millis = parseIsoMillis(text);
      return millis === null ? null : new Date(millis).toISOString();
    };
    expect(at('2026-10-01T08:30:00.123456789+05:30')).toBe('2026-10-01T03:00:00.123Z');
    expect(at('2026-10-01t08:30:00.5-0130')).toBe('2026-10-01T10:00:00.500Z');
    expect(at('2026-10-01 08:30:00z')).toBe('2026-10-01T08:30:00.000Z');
    expect(at('2024-02-29T23:59:59.999Z')).toBe('2024-02-29T23:59:59.999Z');
    expect(at('2100-02-29T00:00:00Z')).toBeNull();
    expect(at('2000-02-29T00:00:00Z')).toBe('2000-02-29T00:00:00.000Z');
    expect(at('0099-01-01T00:00:00Z')).toBeNull();
    expect(at('2026-10-01T08:30:00.1234567890Z')).toBeNull();
    expect(at('2026-10-01T08:30:00+24:00')).toBeNull();
    // Generated texts around the layout, one part broken at a time: both readings agree on each.
    const random = new Random(15);
    const two = (max: number) => String(random.int(0, max)).padStart(2, '0');
    const parts = () => [
      random.pick(['1999', '2000', '2024', '2026', '2100', '0050', '20x6']),
      '-',
      two(13),
      '-',
      two(31),
      random.pick(['T', 't', ' ', '_']),
      two(25),
      random.pick([':', ':', '.']),
      two(60),
      ':',
      two(60),
      random.pick(['', '.', `.${random.int(0, 999_999)}`, '.1234567890']),
      random.pick(['', 'Z', 'z', '+05:30', '-0800', '+24:00', '+05:60', '+5:30', 'Zx', ' ']),
    ];
    let compared = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = parts().join('');
      expect([text, parseIsoMillis(text)]).toEqual([text, parseIsoMillisByPattern(text)]);
      compared += parseIsoMillisByPattern(text) === null ? 0 : 1;
    }
    // Enough of them are times for the comparison to mean something.
    expect(compared).toBeGreaterThan(1_000);
  });

  it('reads a day from a date, the UTC day of a date-time, or an Excel serial', () => {
    expect(day('2026-10-07')).toEqual({ ok: true, value: '2026-10-07' });
    expect(day('2026-10-07T23:30:00-02:00')).toEqual({ ok: true, value: '2026-10-08' });
    expect(day(46302)).toEqual({ ok: true, value: '2026-10-07' });
    expect(day('07/10/2026')).toEqual({
      ok: false,
      reason: 'must be a date (YYYY-MM-DD), got "07/10/2026"',
    });
    expect(day('2026-02-30')).toEqual({
      ok: false,
      reason: 'is not a day of the calendar, got "2026-02-30"',
    });
    expect(day('2026-13-01')).toEqual({
      ok: false,
      reason: 'is not a day of the calendar, got "2026-13-01"',
    });
  });
});

describe('row mapping', () => {
  it('maps aliased columns to the event, with the envelope from the row', () => {
    const mapped = mapper('energy.usage').map(
      record({ userId: 'u-1', Day: '2026-10-02', usage: '12.75', note: 'ignored' }, 7),
    );
    expect(mapped).toEqual({
      ok: true,
      event: {
        metadata: metadataFor(7, new Date('2026-10-02T00:00:00Z')),
        user_id: 'u-1',
        date: '2026-10-02',
        usage_kwh: 12.75,
      },
    });
  });

  it('gives every reason a row is refused, each naming its field', () => {
    const mapped = mapper('banking.transactions').map(
      record({
        transaction_id: 'bt-1',
        client_id: '',
        transaction_type: 'refund',
        transaction_date: 'not a date',
        amount: '10.5',
        currency: 'EUR',
      }),
    );
    expect(mapped).toEqual({
      ok: false,
      reasons: [
        'transaction_type: must be one of deposit, withdrawal, transfer, payment, fee, interest, got "refund"',
        'transaction_date: must be an ISO-8601 date-time, got "not a date"',
        'client_id: is required',
      ],
    });
  });

  it('refuses an e-mail field that holds no e-mail address, and keeps a real one as written', () => {
    const user = (email: string) =>
      mapper('ev.users').map(
        record({ user_id: 'u-1', first_name: 'Ana', last_name: 'Lopes', email }, 2),
      );
    for (const bad of [
      'not-an-email',
      'ana@',
      '@example.com',
      'ana@example',
      'ana..b@example.com',
      'ana @example.com',
      'ana@exa_mple.com',
      '.ana@example.com',
    ])
      expect(user(bad)).toEqual({
        ok: false,
        reasons: [
          `email: must be an e-mail address such as name@example.com, got ${JSON.stringify(bad)}`,
        ],
      });
    for (const good of [
      'ana@example.com',
      "O'Brien+tag@Mail.Example.co.uk",
      'a.b-c_d@xn--bcher-kva.de',
    ])
      expect(user(good)).toMatchObject({ ok: true, event: { email: good } });
    // The same rule holds in every dataset with an e-mail field.
    expect(
      mapper('banking.clients').map(
        record({ client_id: 'c-1', name: 'Ana', email: 'ana.example.com' }),
      ),
    ).toEqual({
      ok: false,
      reasons: ['email: must be an e-mail address such as name@example.com, got "ana.example.com"'],
    });
  });

  it('refuses an EV session that ends before it starts, and accepts one ending as it starts', () => {
    const session = (start: string, end: string) =>
      mapper('ev.transactions').map(
        record({
          transaction_id: 't-1',
          user_id: 'u-1',
          charger_id: 'ch-1',
          start_time: start,
          end_time: end,
          energy_kwh: '7.5',
        }),
      );
    expect(session('2026-10-01T10:00:00Z', '2026-10-01T09:59:59Z')).toEqual({
      ok: false,
      reasons: ['end_time: must not be before start_time, got "2026-10-01T09:59:59.000Z"'],
    });
    // Zones are compared as instants: 11:30+02:00 is 09:30Z, before 10:00Z.
    expect(session('2026-10-01T10:00:00Z', '2026-10-01T11:30:00+02:00')).toEqual({
      ok: false,
      reasons: ['end_time: must not be before start_time, got "2026-10-01T09:30:00.000Z"'],
    });
    expect(session('2026-10-01T10:00:00Z', '2026-10-01T10:00:00Z')).toMatchObject({ ok: true });
    expect(session('2026-10-01T10:00:00Z', '')).toMatchObject({ ok: true });
  });

  it('refuses a reading without any measurement, and uses the event id as the reading id', () => {
    const m = mapper('telemetry.readings');
    expect(
      m.map(record({ sensor_id: 's-1', timestamp: '2026-10-01T00:00:00Z', temperature: '' })),
    ).toEqual({
      ok: false,
      reasons: ['temperature: at least one of temperature, pressure, humidity is required'],
    });
    const ok = m.map(record({ sensor: 's-1', ts: '2026-10-01T01:00:00Z', rh: 40 }, 2));
    expect(ok.ok && ok.event.reading_id).toBe('00000000-0000-4000-8000-000000000002');
    expect(ok.ok && ok.event.humidity).toBe(40);
  });

  it('holds a reading to the rules the HTTP path holds it to: sensor id and bounds', () => {
    const m = mapper('telemetry.readings');
    expect(
      m.map(
        record({ sensor_id: 'green house/7', timestamp: '2026-10-01T00:00:00Z', humidity: 101 }),
      ),
    ).toEqual({
      ok: false,
      reasons: [
        'sensor_id: must be 1 to 128 letters, digits or . _ : -',
        'humidity: must be between 0 and 100, got "101"',
      ],
    });
  });

  it('passes a reader error on as the row’s reason', () => {
    expect(
      mapper('retail.sales').map({
        rowNumber: 3,
        values: {},
        raw: 'a,b',
        error: 'row has 2 fields, the header has 5',
      }),
    ).toEqual({ ok: false, reasons: ['row has 2 fields, the header has 5'] });
  });

  it('refuses a header without a required column, naming its accepted names', () => {
    expect(() => mapper('energy.usage').checkColumns(['user_id', 'date'])).toThrow(
      new ColumnsMismatchError(
        'the file\'s columns do not fit energy.usage: missing usage_kwh (or usage, kwh, consumption, consumption_kwh); found "user_id", "date"',
      ),
    );
    expect(() => mapper('energy.usage').checkColumns(['user_id', 'date', 'usage', 'kwh'])).toThrow(
      'columns "usage" and "kwh" both mean usage_kwh: keep one',
    );
  });
});

describe('dataset detection', () => {
  it.each(DATASETS)('recognises %s from its canonical columns', (name) => {
    expect(detectDataset(COLUMNS[name as Dataset])).toBe(name);
  });

  it('refuses columns that fit no dataset', () => {
    expect(() => detectDataset(['a', 'b'])).toThrow(
      'cannot tell the dataset from the columns "a", "b": name it with the file',
    );
  });
});
