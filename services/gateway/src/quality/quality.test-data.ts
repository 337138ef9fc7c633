import { type QualityReport } from './quality.dto';

const provenance = (event_id: string, row_number: number) => ({
  event_id,
  source_kind: 'file',
  job_id: 'job-1',
  row_number,
  ingested_at: '2026-03-10 00:00:00',
});

// u2 in two versions: FINAL keeps version 2 (an empty last name, an email, a signup date).
const user = (
  user_id: string,
  version: number,
  first_name: string,
  last_name: string,
  email: string | null,
  phone: string | null,
  signup_date: string | null,
) => ({
  user_id,
  first_name,
  last_name,
  email,
  phone,
  signup_date,
  occurred_at: '2026-03-01 00:00:00',
  version,
  ...provenance(`${user_id}-v${version}`, version),
});

export const TABLE_ROWS: Record<string, Record<string, unknown>[]> = {
  ev_users: [
    user('u1', 1, 'Ana', 'Souza', 'ana@x', null, '2026-01-05'),
    user('u2', 1, 'Bruno', 'Martin', null, '+1', null),
    user('u2', 2, 'Bruno', '', 'b@x', '+1', '2026-02-01'),
    user('u3', 1, 'Chloé', 'Dubois', '', null, '2026-01-05'),
  ],
  ev_chargers: [
    {
      charger_id: 'ch1',
      name: 'Lyon P1',
      city: 'Lyon',
      address: '1 Station Road',
      latitude: 45.5,
      longitude: 4.8,
      power_kw: 22,
      connector_type: 'CCS2',
      occurred_at: '2026-03-01 00:00:00',
      version: 1,
      ...provenance('ch1', 1),
    },
    {
      charger_id: 'ch2',
      name: 'Porto P2',
      city: 'Porto',
      address: null,
      latitude: 95,
      longitude: 200,
      power_kw: 0,
      connector_type: null,
      occurred_at: '2026-03-01 00:00:00',
      version: 1,
      ...provenance('ch2', 2),
    },
  ],
  // e1 delivered twice (one row FINAL); my-3 twice under two event ids (a duplicate key);
  // my-2 negative, ending before it starts; my-4 and zz-6 name no user, my-5 no charger; zz-6 is
  // "another suite's" row, which `id_prefix=my-` leaves out.
  ev_transactions: [
    ['e1', 'my-1', 'u1', 'ch1', '2026-03-01 10:00:00', '2026-03-01 11:00:00', 10, 4.5, 'EUR'],
    ['e1', 'my-1', 'u1', 'ch1', '2026-03-01 10:00:00', '2026-03-01 11:00:00', 10, 4.5, 'EUR'],
    ['e2', 'my-2', 'u2', 'ch2', '2026-03-02 10:00:00', '2026-03-02 09:00:00', -3, -1.35, 'EUR'],
    ['e3', 'my-3', 'u1', 'ch1', '2026-03-03 10:00:00', '2026-03-03 10:30:00', 12, 5.4, 'EUR'],
    ['e4', 'my-3', 'u1', 'ch1', '2026-03-03 10:00:00', '2026-03-03 10:30:00', 12, 5.4, 'EUR'],
    ['e5', 'my-4', 'u9', 'ch1', '2026-03-04 10:00:00', '2026-03-04 10:10:00', 11, 4.95, 'EUR'],
    ['e6', 'my-5', 'u2', 'ch9', '2026-03-05 10:00:00', null, 100, null, null],
    ['e7', 'zz-6', 'zz-u1', 'ch1', '2026-03-06 10:00:00', '2026-03-06 12:00:00', 500, 225, 'EUR'],
  ].map(
    (
      [
        event_id,
        transaction_id,
        user_id,
        charger_id,
        start_time,
        end_time,
        energy_kwh,
        cost,
        currency,
      ],
      i,
    ) => ({
      transaction_id,
      user_id,
      charger_id,
      start_time,
      end_time,
      energy_kwh,
      cost,
      currency,
      ...provenance(event_id as string, i + 1),
    }),
  ),
  // r2 corrected (version 5) to a humidity of 120; r3 and r4 share sensor and instant (a
  // duplicate key); r5 is at the same second on another sensor, 500 ms later.
  telemetry_readings: [
    ['s1', '2026-03-01 10:00:00', 0, 'r1', 1, 20, 1000, 40],
    ['s1', '2026-03-01 11:00:00', 250, 'r2', 1, 21, 1001, 50],
    ['s1', '2026-03-01 11:00:00', 250, 'r2', 5, 21, 1001, 120],
    ['s1', '2026-03-01 12:00:00', 0, 'r3', 1, null, 1002, 45],
    ['s1', '2026-03-01 12:00:00', 0, 'r4', 1, 22, 1003, 45],
    ['s2', '2026-03-01 12:00:00', 500, 'r5', 1, -300, 990, 60],
  ].map(([sensor_id, ts, ts_ms, reading_id, version, temperature, pressure, humidity]) => ({
    sensor_id,
    ts,
    ts_ms,
    reading_id,
    version,
    temperature,
    pressure,
    humidity,
    metric_names: [],
    metric_values: [],
    event_id: `${reading_id as string}-v${version as number}`,
    source_kind: 'http',
    ingested_at: '2026-03-10 00:00:00',
  })),
  // rj1 delivered twice; rj2 has two reasons; rj3's value itself contains `, got "`; rj4 is
  // another dataset's.
  ingest_rejections: [
    [
      'rj1',
      'j1',
      'ev.transactions',
      3,
      ['start_time: must be an ISO-8601 date-time, got "yesterday"'],
      'my-7,u1,ch1,yesterday,,1,,',
    ],
    [
      'rj1',
      'j1',
      'ev.transactions',
      3,
      ['start_time: must be an ISO-8601 date-time, got "yesterday"'],
      'my-7,u1,ch1,yesterday,,1,,',
    ],
    [
      'rj2',
      'j1',
      'ev.transactions',
      5,
      ['start_time: must be an ISO-8601 date-time, got "31/02"', 'energy_kwh: is required'],
      'my-8,u1,ch1,31/02,,,,',
    ],
    [
      'rj3',
      'j2',
      'ev.transactions',
      1,
      ['energy_kwh: must be a number, got "a, got \\"b\\""'],
      'zz-9,u1,ch1,2026-03-01,,"a, got ""b""",,',
    ],
    ['rj4', 'j1', 'retail.sales', 9, ['quantity: is required'], 'my-s1,p1,,1,2026-03-01'],
  ].map(([event_id, job_id, dataset, row_number, reasons, raw]) => ({
    event_id,
    job_id,
    dataset,
    object_key: `landing/${job_id as string}`,
    row_number,
    reasons,
    raw,
    rejected_at: '2026-03-10 00:00:00',
  })),
};

const noText = { empty: null, empty_rate: null };
const profile = (
  field: string,
  rows: number,
  nulls: number,
  distinct: number,
  empty: number | null = 0,
) => ({
  field,
  nulls,
  null_rate: nulls / rows,
  ...(empty === null ? noText : { empty, empty_rate: empty / rows }),
  distinct,
});
const fences = (field: string, values: number, q1: number, q3: number) => ({
  field,
  values,
  q1,
  q3,
  iqr: q3 - q1,
  lower_fence: q1 - 1.5 * (q3 - q1),
  upper_fence: q3 + 1.5 * (q3 - q1),
});
const tx = (transaction_id: string) => ({ transaction_id });
const noRejections = { rows: 0, reasons: [] };

export const EXPECTED_USERS: QualityReport = {
  dataset: 'ev.users',
  id_prefix: null,
  rows: 3,
  fields: [
    profile('user_id', 3, 0, 3),
    profile('first_name', 3, 0, 3),
    profile('last_name', 3, 0, 3, 1),
    profile('email', 3, 0, 3, 1),
    profile('phone', 3, 2, 1),
    profile('signup_date', 3, 0, 2, null),
  ],
  duplicate_keys: { key: ['user_id'], keys: 0, rows: 0, examples: [] },
  out_of_range: [],
  orphans: [],
  outliers: [],
  rejections: noRejections,
};

export const EXPECTED_CHARGERS: QualityReport = {
  dataset: 'ev.chargers',
  id_prefix: null,
  rows: 2,
  fields: [
    profile('charger_id', 2, 0, 2),
    profile('name', 2, 0, 2),
    profile('city', 2, 0, 2),
    profile('address', 2, 1, 1),
    profile('latitude', 2, 0, 2, null),
    profile('longitude', 2, 0, 2, null),
    profile('power_kw', 2, 0, 2, null),
    profile('connector_type', 2, 1, 1),
  ],
  duplicate_keys: { key: ['charger_id'], keys: 0, rows: 0, examples: [] },
  out_of_range: [
    {
      rule: 'latitude between -90 and 90',
      fields: ['latitude'],
      count: 1,
      examples: [{ key: { charger_id: 'ch2' }, values: { latitude: 95 } }],
    },
    {
      rule: 'longitude between -180 and 180',
      fields: ['longitude'],
      count: 1,
      examples: [{ key: { charger_id: 'ch2' }, values: { longitude: 200 } }],
    },
    {
      rule: 'power_kw > 0',
      fields: ['power_kw'],
      count: 1,
      examples: [{ key: { charger_id: 'ch2' }, values: { power_kw: 0 } }],
    },
  ],
  orphans: [],
  // Two values: Q1 is the first (index floor(0.5) = 0), Q3 the second (floor(1.5) = 1).
  outliers: [
    { ...fences('latitude', 2, 45.5, 95), count: 0, examples: [] },
    { ...fences('longitude', 2, 4.8, 200), count: 0, examples: [] },
    { ...fences('power_kw', 2, 0, 22), count: 0, examples: [] },
  ],
  rejections: noRejections,
};

const TRANSACTION_RULES: QualityReport['out_of_range'] = [
  {
    rule: 'energy_kwh >= 0',
    fields: ['energy_kwh'],
    count: 1,
    examples: [{ key: tx('my-2'), values: { energy_kwh: -3 } }],
  },
  {
    rule: 'cost >= 0',
    fields: ['cost'],
    count: 1,
    examples: [{ key: tx('my-2'), values: { cost: -1.35 } }],
  },
  {
    rule: 'end_time >= start_time',
    fields: ['start_time', 'end_time'],
    count: 1,
    examples: [
      {
        key: tx('my-2'),
        values: { start_time: '2026-03-02T10:00:00.000Z', end_time: '2026-03-02T09:00:00.000Z' },
      },
    ],
  },
];

/** Every row, zz-6 included: energy sorted is −3, 10, 11, 12, 12, 100, 500 (Q1 index 1, Q3 5). */
export const EXPECTED_TRANSACTIONS: QualityReport = {
  dataset: 'ev.transactions',
  id_prefix: null,
  rows: 7,
  fields: [
    profile('transaction_id', 7, 0, 6),
    profile('user_id', 7, 0, 4),
    profile('charger_id', 7, 0, 3),
    profile('start_time', 7, 0, 6, null),
    profile('end_time', 7, 1, 5, null),
    profile('energy_kwh', 7, 0, 6, null),
    profile('cost', 7, 1, 5, null),
    profile('currency', 7, 1, 1),
  ],
  duplicate_keys: {
    key: ['transaction_id'],
    keys: 1,
    rows: 2,
    examples: [{ key: tx('my-3'), occurrences: 2 }],
  },
  out_of_range: TRANSACTION_RULES,
  orphans: [
    {
      field: 'user_id',
      references: 'ev.users',
      count: 2,
      examples: [
        { key: tx('my-4'), values: { user_id: 'u9' } },
        { key: tx('zz-6'), values: { user_id: 'zz-u1' } },
      ],
    },
    {
      field: 'charger_id',
      references: 'ev.chargers',
      count: 1,
      examples: [{ key: tx('my-5'), values: { charger_id: 'ch9' } }],
    },
  ],
  outliers: [
    {
      ...fences('energy_kwh', 7, 10, 100),
      count: 1,
      examples: [{ key: tx('zz-6'), values: { energy_kwh: 500 } }],
    },
    // −1.35, 4.5, 4.95, 5.4, 5.4, 225: Q1 index 1, Q3 index 4.
    {
      ...fences('cost', 6, 4.5, 5.4),
      count: 2,
      examples: [
        { key: tx('my-2'), values: { cost: -1.35 } },
        { key: tx('zz-6'), values: { cost: 225 } },
      ],
    },
  ],
  rejections: {
    rows: 3,
    reasons: [
      {
        reason: 'start_time: must be an ISO-8601 date-time',
        count: 2,
        examples: [
          {
            job_id: 'j1',
            row_number: 3,
            reason: 'start_time: must be an ISO-8601 date-time, got "yesterday"',
            raw: 'my-7,u1,ch1,yesterday,,1,,',
          },
          {
            job_id: 'j1',
            row_number: 5,
            reason: 'start_time: must be an ISO-8601 date-time, got "31/02"',
            raw: 'my-8,u1,ch1,31/02,,,,',
          },
        ],
      },
      {
        reason: 'energy_kwh: is required',
        count: 1,
        examples: [
          {
            job_id: 'j1',
            row_number: 5,
            reason: 'energy_kwh: is required',
            raw: 'my-8,u1,ch1,31/02,,,,',
          },
        ],
      },
      {
        reason: 'energy_kwh: must be a number',
        count: 1,
        examples: [
          {
            job_id: 'j2',
            row_number: 1,
            reason: 'energy_kwh: must be a number, got "a, got \\"b\\""',
            raw: 'zz-9,u1,ch1,2026-03-01,,"a, got ""b""",,',
          },
        ],
      },
    ],
  },
};

/** `id_prefix=my-`: zz-6 and zz-9's rejection left out; energy −3, 10, 11, 12, 12, 100. */
export const EXPECTED_MY_TRANSACTIONS: QualityReport = {
  ...EXPECTED_TRANSACTIONS,
  id_prefix: 'my-',
  rows: 6,
  fields: [
    profile('transaction_id', 6, 0, 5),
    profile('user_id', 6, 0, 3),
    profile('charger_id', 6, 0, 3),
    profile('start_time', 6, 0, 5, null),
    profile('end_time', 6, 1, 4, null),
    profile('energy_kwh', 6, 0, 5, null),
    profile('cost', 6, 1, 4, null),
    profile('currency', 6, 1, 1),
  ],
  out_of_range: TRANSACTION_RULES,
  orphans: [
    {
      field: 'user_id',
      references: 'ev.users',
      count: 1,
      examples: [{ key: tx('my-4'), values: { user_id: 'u9' } }],
    },
    EXPECTED_TRANSACTIONS.orphans[1]!,
  ],
  outliers: [
    {
      ...fences('energy_kwh', 6, 10, 12),
      count: 2,
      examples: [
        { key: tx('my-2'), values: { energy_kwh: -3 } },
        { key: tx('my-5'), values: { energy_kwh: 100 } },
      ],
    },
    // −1.35, 4.5, 4.95, 5.4, 5.4: Q1 index floor(1.25) = 1, Q3 index floor(3.75) = 3.
    {
      ...fences('cost', 5, 4.5, 5.4),
      count: 1,
      examples: [{ key: tx('my-2'), values: { cost: -1.35 } }],
    },
  ],
  rejections: {
    rows: 2,
    reasons: EXPECTED_TRANSACTIONS.rejections.reasons.slice(0, 2),
  },
};

const reading = (sensor_id: string, timestamp: string) => ({ sensor_id, timestamp });

export const EXPECTED_READINGS: QualityReport = {
  dataset: 'telemetry.readings',
  id_prefix: null,
  rows: 5,
  fields: [
    profile('sensor_id', 5, 0, 2),
    profile('timestamp', 5, 0, 4, null),
    profile('temperature', 5, 1, 4, null),
    profile('pressure', 5, 0, 5, null),
    profile('humidity', 5, 0, 4, null),
  ],
  duplicate_keys: {
    key: ['sensor_id', 'timestamp'],
    keys: 1,
    rows: 2,
    examples: [{ key: reading('s1', '2026-03-01T12:00:00.000Z'), occurrences: 2 }],
  },
  out_of_range: [
    {
      rule: 'temperature between -273.15 and 1000000',
      fields: ['temperature'],
      count: 1,
      examples: [{ key: reading('s2', '2026-03-01T12:00:00.500Z'), values: { temperature: -300 } }],
    },
    { rule: 'pressure between 0 and 10000000', fields: ['pressure'], count: 0, examples: [] },
    {
      rule: 'humidity between 0 and 100',
      fields: ['humidity'],
      count: 1,
      examples: [{ key: reading('s1', '2026-03-01T11:00:00.250Z'), values: { humidity: 120 } }],
    },
  ],
  orphans: [],
  outliers: [
    // −300, 20, 21, 22
    {
      ...fences('temperature', 4, 20, 22),
      count: 1,
      examples: [{ key: reading('s2', '2026-03-01T12:00:00.500Z'), values: { temperature: -300 } }],
    },
    // 990, 1000, 1001, 1002, 1003
    {
      ...fences('pressure', 5, 1000, 1002),
      count: 1,
      examples: [{ key: reading('s2', '2026-03-01T12:00:00.500Z'), values: { pressure: 990 } }],
    },
    // 40, 45, 45, 60, 120
    {
      ...fences('humidity', 5, 45, 60),
      count: 1,
      examples: [{ key: reading('s1', '2026-03-01T11:00:00.250Z'), values: { humidity: 120 } }],
    },
  ],
  rejections: noRejections,
};

/** A dataset with no row yet: zero counts, no quartiles, its one rejection. */
export const EXPECTED_EMPTY_SALES: QualityReport = {
  dataset: 'retail.sales',
  id_prefix: null,
  rows: 0,
  fields: [
    { ...profile('sale_id', 1, 0, 0), null_rate: 0, empty_rate: 0 },
    { ...profile('product_id', 1, 0, 0), null_rate: 0, empty_rate: 0 },
    { ...profile('quantity', 1, 0, 0, null), null_rate: 0 },
    { ...profile('amount', 1, 0, 0, null), null_rate: 0 },
    { ...profile('sale_date', 1, 0, 0, null), null_rate: 0 },
  ],
  duplicate_keys: { key: ['sale_id'], keys: 0, rows: 0, examples: [] },
  out_of_range: [
    { rule: 'quantity > 0', fields: ['quantity'], count: 0, examples: [] },
    { rule: 'amount >= 0', fields: ['amount'], count: 0, examples: [] },
  ],
  orphans: [{ field: 'product_id', references: 'retail.products', count: 0, examples: [] }],
  outliers: ['quantity', 'amount'].map((field) => ({
    field,
    values: 0,
    q1: null,
    q3: null,
    iqr: null,
    lower_fence: null,
    upper_fence: null,
    count: 0,
    examples: [],
  })),
  rejections: {
    rows: 1,
    reasons: [
      {
        reason: 'quantity: is required',
        count: 1,
        examples: [
          {
            job_id: 'j1',
            row_number: 9,
            reason: 'quantity: is required',
            raw: 'my-s1,p1,,1,2026-03-01',
          },
        ],
      },
    ],
  },
};
