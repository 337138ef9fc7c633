import {
  fixtureMetadata,
  VALID_EVENTS,
  type TopicEvents,
  type TributaryCommon,
} from '@tributary/contracts';
import { type DatasetTable, type DatasetTopic } from './dataset-projections';
import { type ExactNumber } from '../row-values';

/** The exact number text a row sends for a decimal or a UInt64 (what `money` and versions make). */
export function exact(text: string): ExactNumber {
  return (JSON as unknown as { rawJSON(text: string): ExactNumber }).rawJSON(text);
}

export interface Delivery<T extends DatasetTopic = DatasetTopic> {
  readonly topic: T;
  readonly event: TopicEvents[T];
}

const delivery = <T extends DatasetTopic>(topic: T, event: TopicEvents[T]): Delivery =>
  ({ topic, event }) as Delivery;

const JOB = '6f1c1f6e-2a57-4e0b-9d55-1c9b1c1a0001';
const JOB_2 = '6f1c1f6e-2a57-4e0b-9d55-1c9b1c1a0002';
/** Event ids: `id(7)` is the golden fixtures' …000000000007, `id('b')` their …00000000000b. */
const id = (n: number | string) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const fileRow = (
  n: number,
  row: number,
  overrides: Partial<TributaryCommon.EventMetadata> = {},
): TributaryCommon.EventMetadata =>
  fixtureMetadata(id(n), {
    source: { kind: 'file', reference: JOB, row_number: row },
    ...overrides,
  });

/**
 * Every dataset topic's golden event, and hand-made ones around it: newer, older and same-file
 * versions of dimensions (the older delivered last), facts with milliseconds, open sessions,
 * missing optional values, decimals a double would round, a second month, and a fact ingested
 * again by a later job. The rows ClickHouse must then hold are written out by hand below —
 * shared by the test against ClickHouse 18.16 and the conformance test on current ClickHouse.
 */
export const DELIVERIES: readonly Delivery[] = [
  // ev.users: u-100 in three versions, the older one last; u-200 twice in one file (row 7
  // wins over row 5 whatever the order); u-300 streamed with nothing optional.
  delivery('ev.users', VALID_EVENTS['ev.users']),
  delivery('ev.users', {
    ...VALID_EVENTS['ev.users'],
    metadata: fileRow(101, 2, { occurred_at: new Date('2026-11-24T09:00:00.000Z') }),
    first_name: 'Zoé',
    email: 'zoe@example.org',
    phone: '+33 6 12 34 56 78',
  }),
  delivery('ev.users', {
    ...VALID_EVENTS['ev.users'],
    metadata: fileRow(102, 3, { occurred_at: new Date('2026-11-20T09:00:00.000Z') }),
    first_name: 'Stale',
  }),
  delivery('ev.users', {
    metadata: fileRow(103, 7),
    user_id: 'u-200',
    first_name: 'Bob',
    last_name: 'Row Seven',
    email: null,
    phone: '555-0100',
    signup_date: '2026-01-31',
  }),
  delivery('ev.users', {
    metadata: fileRow(104, 5),
    user_id: 'u-200',
    first_name: 'Bob',
    last_name: 'Row Five',
    email: null,
    phone: null,
    signup_date: null,
  }),
  delivery('ev.users', {
    metadata: fixtureMetadata(id(105), {
      occurred_at: new Date('2026-11-23T08:15:30.250Z'),
      ingested_at: new Date('2026-11-23T08:15:31.999Z'),
      source: { kind: 'stream', reference: null, row_number: null },
    }),
    user_id: 'u-300',
    first_name: 'Ünal',
    last_name: 'Back\\slash "quoted"',
    email: null,
    phone: null,
    signup_date: null,
  }),
  // ev.chargers
  delivery('ev.chargers', VALID_EVENTS['ev.chargers']),
  delivery('ev.chargers', {
    metadata: fixtureMetadata(id(111), {
      source: { kind: 'http', reference: 'req-7', row_number: null },
    }),
    charger_id: 'ch-paris-02',
    name: 'Bercy',
    city: 'Paris',
    address: null,
    latitude: null,
    longitude: null,
    power_kw: null,
    connector_type: null,
  }),
  // ev.transactions
  delivery('ev.transactions', VALID_EVENTS['ev.transactions']),
  delivery('ev.transactions', {
    metadata: fileRow(121, 2),
    transaction_id: 'tx-9002',
    user_id: 'u-200',
    charger_id: 'ch-lyon-01',
    start_time: new Date('2026-11-23T18:30:15.750Z'),
    end_time: new Date('2026-11-23T19:10:00.250Z'),
    energy_kwh: 12.5,
    cost: '6.25',
    currency: 'EUR',
  }),
  delivery('ev.transactions', {
    metadata: fileRow(122, 3),
    transaction_id: 'tx-9003',
    user_id: 'u-300',
    charger_id: 'ch-paris-02',
    start_time: new Date('2026-12-01T07:00:00.000Z'),
    end_time: null,
    energy_kwh: 3.25,
    cost: null,
    currency: null,
  }),
  // banking.clients
  delivery('banking.clients', VALID_EVENTS['banking.clients']),
  delivery('banking.clients', {
    metadata: fileRow(131, 2),
    client_id: 'c-7',
    name: 'Acme & Sons, Ltd.',
    email: null,
    country: null,
    created_at: null,
  }),
  // banking.transactions: bt-1 ingested again by a later job (same event id); an amount of 18
  // significant digits; the smallest amount; another month (another partition); another client.
  delivery('banking.transactions', VALID_EVENTS['banking.transactions']),
  delivery('banking.transactions', {
    ...VALID_EVENTS['banking.transactions'],
    metadata: fixtureMetadata(id(9), {
      ingested_at: new Date('2026-11-25T00:00:00.000Z'),
      source: { kind: 'file', reference: JOB_2, row_number: 1 },
    }),
  }),
  delivery('banking.transactions', {
    metadata: fileRow(141, 2),
    transaction_id: 'bt-2',
    client_id: 'c-42',
    transaction_type: 'deposit',
    transaction_date: new Date('2026-11-22T15:30:00.999Z'),
    amount: '12345678901234.5678',
    currency: 'EUR',
  }),
  delivery('banking.transactions', {
    metadata: fileRow(142, 3),
    transaction_id: 'bt-3',
    client_id: 'c-42',
    transaction_type: 'fee',
    transaction_date: new Date('2026-12-01T00:00:00.000Z'),
    amount: '0.0001',
    currency: 'EUR',
  }),
  delivery('banking.transactions', {
    metadata: fileRow(143, 4),
    transaction_id: 'bt-4',
    client_id: 'c-7',
    transaction_type: 'interest',
    transaction_date: new Date('2025-01-31T23:59:59.000Z'),
    amount: '1.5',
    currency: 'USD',
  }),
  // energy
  delivery('energy.usage', VALID_EVENTS['energy.usage']),
  delivery('energy.usage', {
    metadata: fileRow(151, 2),
    user_id: 'u-100',
    date: '2026-11-22',
    usage_kwh: 12.5,
  }),
  delivery('energy.alerts', VALID_EVENTS['energy.alerts']),
  delivery('energy.alerts', {
    metadata: fixtureMetadata(id(161), {
      ingested_at: new Date('2026-11-23T06:00:00.750Z'),
      source: { kind: 'stream', reference: null, row_number: null },
    }),
    user_id: 'u-200',
    date: '2026-11-22',
    usage_kwh: 55.5,
    threshold_kwh: 50,
    usage_event_id: id(162),
  }),
  // retail: p-1's newer price; p-2 unpriced.
  delivery('retail.products', VALID_EVENTS['retail.products']),
  delivery('retail.products', {
    ...VALID_EVENTS['retail.products'],
    metadata: fileRow(171, 2, { occurred_at: new Date('2026-11-24T09:00:00.000Z') }),
    price: '26.5',
  }),
  delivery('retail.products', {
    metadata: fileRow(172, 3),
    product_id: 'p-2',
    name: 'Green tea 250 g',
    category: 'Tea',
    price: null,
  }),
  delivery('retail.sales', VALID_EVENTS['retail.sales']),
  delivery('retail.sales', {
    metadata: fileRow(181, 8),
    sale_id: 's-2',
    product_id: 'p-2',
    quantity: 3,
    amount: '12',
    sale_date: '2026-11-21',
  }),
  delivery('retail.sales', {
    metadata: fileRow(182, 9),
    sale_id: 's-3',
    product_id: 'p-1',
    quantity: 1,
    amount: '24.99',
    sale_date: '2026-11-22',
  }),
  // ingest.rejections
  delivery('ingest.rejections', VALID_EVENTS['ingest.rejections']),
  delivery('ingest.rejections', {
    metadata: fileRow(191, 9),
    job_id: JOB,
    dataset: 'energy.usage',
    object_key: 'energy.usage/2026-11-22/0a1b2c3d.csv',
    row_number: 9,
    raw: 'u-9,,abc',
    reasons: [
      'date: must be a date (YYYY-MM-DD), got ""',
      'usage_kwh: must be a number, got "abc"',
    ],
  }),
];

/** Each table's rows, read back with FINAL: every value as text where engines print differently. */
export const TABLE_QUERIES: Record<DatasetTable, string> = {
  ev_users: `SELECT user_id, first_name, last_name, email, phone, toString(signup_date) AS signup_date,
    toString(occurred_at) AS occurred_at, toString(version) AS version,
    event_id, source_kind, job_id, row_number, toString(ingested_at) AS ingested_at
    FROM ev_users FINAL ORDER BY user_id`,
  ev_chargers: `SELECT charger_id, name, city, address, latitude, longitude, power_kw, connector_type,
    toString(occurred_at) AS occurred_at, toString(version) AS version,
    event_id, source_kind, job_id, row_number, toString(ingested_at) AS ingested_at
    FROM ev_chargers FINAL ORDER BY charger_id`,
  ev_transactions: `SELECT transaction_id, user_id, charger_id, toString(start_time) AS start_time,
    toString(end_time) AS end_time, energy_kwh, toString(cost) AS cost, currency,
    event_id, source_kind, job_id, row_number, toString(ingested_at) AS ingested_at
    FROM ev_transactions FINAL ORDER BY charger_id, start_time, event_id`,
  banking_clients: `SELECT client_id, name, email, country, toString(created_at) AS created_at,
    toString(occurred_at) AS occurred_at, toString(version) AS version,
    event_id, source_kind, job_id, row_number, toString(ingested_at) AS ingested_at
    FROM banking_clients FINAL ORDER BY client_id`,
  banking_transactions: `SELECT transaction_id, client_id, transaction_type,
    toString(transaction_date) AS transaction_date, toString(amount) AS amount, currency,
    event_id, source_kind, job_id, row_number, toString(ingested_at) AS ingested_at
    FROM banking_transactions FINAL ORDER BY client_id, transaction_date, event_id`,
  energy_usage: `SELECT user_id, toString(date) AS date, usage_kwh,
    event_id, source_kind, job_id, row_number, toString(ingested_at) AS ingested_at
    FROM energy_usage FINAL ORDER BY user_id, date, event_id`,
  energy_alerts: `SELECT event_id, user_id, toString(date) AS date, usage_kwh, threshold_kwh,
    usage_event_id, job_id, toString(raised_at) AS raised_at
    FROM energy_alerts FINAL ORDER BY user_id, date, event_id`,
  retail_products: `SELECT product_id, name, category, toString(price) AS price,
    toString(occurred_at) AS occurred_at, toString(version) AS version,
    event_id, source_kind, job_id, row_number, toString(ingested_at) AS ingested_at
    FROM retail_products FINAL ORDER BY product_id`,
  retail_sales: `SELECT sale_id, product_id, quantity, toString(amount) AS amount,
    toString(sale_date) AS sale_date,
    event_id, source_kind, job_id, row_number, toString(ingested_at) AS ingested_at
    FROM retail_sales FINAL ORDER BY sale_date, product_id, event_id`,
  ingest_rejections: `SELECT event_id, job_id, dataset, object_key, row_number, reasons, raw,
    toString(rejected_at) AS rejected_at
    FROM ingest_rejections FINAL ORDER BY dataset, event_id`,
};

/** Columns holding a Decimal(18,4) as text: 18.16 prints `12.3400`, current ClickHouse `12.34`. */
export const DECIMAL_COLUMNS = ['cost', 'amount', 'price', 'total', 'amount_sum', 'cost_sum'];

const fromFile = (n: number | string, row: number) => ({
  event_id: id(n),
  source_kind: 'file',
  job_id: JOB,
  row_number: row,
  ingested_at: '2026-11-22 10:00:01',
});

/**
 * What each table holds once DELIVERIES were projected, in any order and any number of times.
 * Versions: occurred_at in ms × 2^22 + row; 2026-11-22T10:00:00Z is 1,795,341,600,000 ms, and
 * 1,795,341,600,000 × 4,194,304 = 7,530,208,454,246,400,000.
 */
export const EXPECTED_ROWS: Record<DatasetTable, readonly object[]> = {
  ev_users: [
    {
      user_id: 'u-100',
      first_name: 'Zoé',
      last_name: "O'Neill",
      email: 'zoe@example.org',
      phone: '+33 6 12 34 56 78',
      signup_date: '2025-03-14',
      occurred_at: '2026-11-24 09:00:00',
      // 1,795,510,800,000 ms × 4,194,304 + row 2
      version: '7530918130483200002',
      ...fromFile(101, 2),
    },
    {
      user_id: 'u-200',
      first_name: 'Bob',
      last_name: 'Row Seven',
      email: null,
      phone: '555-0100',
      signup_date: '2026-01-31',
      occurred_at: '2026-11-22 10:00:00',
      version: '7530208454246400007',
      ...fromFile(103, 7),
    },
    {
      user_id: 'u-300',
      first_name: 'Ünal',
      last_name: 'Back\\slash "quoted"',
      email: null,
      phone: null,
      signup_date: null,
      occurred_at: '2026-11-23 08:15:30',
      // 1,795,421,730,250 ms × 4,194,304 + row 0
      version: '7530544544874496000',
      event_id: id(105),
      source_kind: 'stream',
      job_id: '',
      row_number: 0,
      ingested_at: '2026-11-23 08:15:31',
    },
  ],
  ev_chargers: [
    {
      charger_id: 'ch-lyon-01',
      name: 'Part-Dieu P2',
      city: 'Lyon',
      address: '17 Rue du Docteur Bouchut',
      latitude: 45.7606,
      longitude: 4.8593,
      power_kw: 150,
      connector_type: 'CCS2',
      occurred_at: '2026-11-22 10:00:00',
      version: '7530208454246400001',
      ...fromFile(6, 1),
    },
    {
      charger_id: 'ch-paris-02',
      name: 'Bercy',
      city: 'Paris',
      address: null,
      latitude: null,
      longitude: null,
      power_kw: null,
      connector_type: null,
      occurred_at: '2026-11-22 10:00:00',
      version: '7530208454246400000',
      event_id: id(111),
      source_kind: 'http',
      job_id: 'req-7',
      row_number: 0,
      ingested_at: '2026-11-22 10:00:01',
    },
  ],
  ev_transactions: [
    {
      transaction_id: 'tx-9001',
      user_id: 'u-100',
      charger_id: 'ch-lyon-01',
      start_time: '2026-11-22 10:00:00',
      end_time: '2026-11-22 10:45:00',
      energy_kwh: 38.2,
      cost: '19.1000',
      currency: 'EUR',
      ...fromFile(7, 1),
    },
    {
      transaction_id: 'tx-9002',
      user_id: 'u-200',
      charger_id: 'ch-lyon-01',
      start_time: '2026-11-23 18:30:15',
      end_time: '2026-11-23 19:10:00',
      energy_kwh: 12.5,
      cost: '6.2500',
      currency: 'EUR',
      ...fromFile(121, 2),
    },
    {
      transaction_id: 'tx-9003',
      user_id: 'u-300',
      charger_id: 'ch-paris-02',
      start_time: '2026-12-01 07:00:00',
      end_time: null,
      energy_kwh: 3.25,
      cost: null,
      currency: null,
      ...fromFile(122, 3),
    },
  ],
  banking_clients: [
    {
      client_id: 'c-42',
      name: 'Ana Souza',
      email: 'ana@example.com',
      country: 'PT',
      created_at: '2020-01-15 00:00:00',
      occurred_at: '2026-11-22 10:00:00',
      version: '7530208454246400001',
      ...fromFile(8, 1),
    },
    {
      client_id: 'c-7',
      name: 'Acme & Sons, Ltd.',
      email: null,
      country: null,
      created_at: null,
      occurred_at: '2026-11-22 10:00:00',
      version: '7530208454246400002',
      ...fromFile(131, 2),
    },
  ],
  banking_transactions: [
    {
      transaction_id: 'bt-1',
      client_id: 'c-42',
      transaction_type: 'withdrawal',
      transaction_date: '2026-11-22 10:00:00',
      amount: '-250.0000',
      currency: 'EUR',
      // Ingested again by a later job: the later ingestion is the row kept.
      event_id: id(9),
      source_kind: 'file',
      job_id: JOB_2,
      row_number: 1,
      ingested_at: '2026-11-25 00:00:00',
    },
    {
      transaction_id: 'bt-2',
      client_id: 'c-42',
      transaction_type: 'deposit',
      transaction_date: '2026-11-22 15:30:00',
      amount: '12345678901234.5678',
      currency: 'EUR',
      ...fromFile(141, 2),
    },
    {
      transaction_id: 'bt-3',
      client_id: 'c-42',
      transaction_type: 'fee',
      transaction_date: '2026-12-01 00:00:00',
      amount: '0.0001',
      currency: 'EUR',
      ...fromFile(142, 3),
    },
    {
      transaction_id: 'bt-4',
      client_id: 'c-7',
      transaction_type: 'interest',
      transaction_date: '2025-01-31 23:59:59',
      amount: '1.5000',
      currency: 'USD',
      ...fromFile(143, 4),
    },
  ],
  energy_usage: [
    { user_id: 'u-100', date: '2026-11-21', usage_kwh: 42.75, ...fromFile(3, 1) },
    { user_id: 'u-100', date: '2026-11-22', usage_kwh: 12.5, ...fromFile(151, 2) },
  ],
  energy_alerts: [
    {
      event_id: id(4),
      user_id: 'u-100',
      date: '2026-11-21',
      usage_kwh: 42.75,
      threshold_kwh: 30,
      usage_event_id: id(3),
      job_id: JOB,
      raised_at: '2026-11-22 10:00:01',
    },
    {
      event_id: id(161),
      user_id: 'u-200',
      date: '2026-11-22',
      usage_kwh: 55.5,
      threshold_kwh: 50,
      usage_event_id: id(162),
      job_id: '',
      raised_at: '2026-11-23 06:00:00',
    },
  ],
  retail_products: [
    {
      product_id: 'p-1',
      name: 'Espresso beans 1 kg',
      category: 'Coffee',
      price: '26.5000',
      occurred_at: '2026-11-24 09:00:00',
      version: '7530918130483200002',
      ...fromFile(171, 2),
    },
    {
      product_id: 'p-2',
      name: 'Green tea 250 g',
      category: 'Tea',
      price: null,
      occurred_at: '2026-11-22 10:00:00',
      version: '7530208454246400003',
      ...fromFile(172, 3),
    },
  ],
  retail_sales: [
    {
      sale_id: 's-1',
      product_id: 'p-1',
      quantity: 2,
      amount: '49.9800',
      sale_date: '2026-11-21',
      ...fromFile('b', 7),
      source_kind: 'sftp',
    },
    {
      sale_id: 's-2',
      product_id: 'p-2',
      quantity: 3,
      amount: '12.0000',
      sale_date: '2026-11-21',
      ...fromFile(181, 8),
    },
    {
      sale_id: 's-3',
      product_id: 'p-1',
      quantity: 1,
      amount: '24.9900',
      sale_date: '2026-11-22',
      ...fromFile(182, 9),
    },
  ],
  ingest_rejections: [
    {
      event_id: id(191),
      job_id: JOB,
      dataset: 'energy.usage',
      object_key: 'energy.usage/2026-11-22/0a1b2c3d.csv',
      row_number: 9,
      reasons: [
        'date: must be a date (YYYY-MM-DD), got ""',
        'usage_kwh: must be a number, got "abc"',
      ],
      raw: 'u-9,,abc',
      rejected_at: '2026-11-22 10:00:01',
    },
    {
      event_id: id('e'),
      job_id: JOB,
      dataset: 'retail.sales',
      object_key: 'retail.sales/2026-11-22/9f86d081884c7d65.csv',
      row_number: 4,
      reasons: ['quantity: must be a whole number'],
      raw: 's-4,p-1,two,9.98,2026-11-21',
      rejected_at: '2026-11-22 10:00:01',
    },
  ],
};
