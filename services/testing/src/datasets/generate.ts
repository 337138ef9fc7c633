import { Random } from './random';

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export type Dataset =
  | 'ev.users'
  | 'ev.chargers'
  | 'ev.transactions'
  | 'banking.clients'
  | 'banking.transactions'
  | 'telemetry.readings'
  | 'energy.usage'
  | 'retail.products'
  | 'retail.sales';

/** Canonical columns per dataset, in file order (design.md). */
export const COLUMNS: Record<Dataset, readonly string[]> = {
  'ev.users': ['user_id', 'first_name', 'last_name', 'email', 'phone', 'signup_date'],
  'ev.chargers': [
    'charger_id',
    'name',
    'city',
    'address',
    'latitude',
    'longitude',
    'power_kw',
    'connector_type',
  ],
  'ev.transactions': [
    'transaction_id',
    'user_id',
    'charger_id',
    'start_time',
    'end_time',
    'energy_kwh',
    'cost',
    'currency',
  ],
  'banking.clients': ['client_id', 'name', 'email', 'country', 'created_at'],
  'banking.transactions': [
    'transaction_id',
    'client_id',
    'transaction_type',
    'transaction_date',
    'amount',
    'currency',
  ],
  'telemetry.readings': ['sensor_id', 'timestamp', 'temperature', 'pressure', 'humidity'],
  'energy.usage': ['user_id', 'date', 'usage_kwh'],
  'retail.products': ['product_id', 'name', 'category', 'price'],
  'retail.sales': ['sale_id', 'product_id', 'quantity', 'amount', 'sale_date'],
};

export type AnomalyKind = 'duplicate' | 'null' | 'negative' | 'orphan' | 'unparseable_date';

/** One deliberate defect, so tests can check that every one is found and nothing else. */
export interface Anomaly {
  dataset: Dataset;
  /** 1-based data row (header excluded) in the generated file. */
  row: number;
  kind: AnomalyKind;
  field: string;
}

export interface Scale {
  evUsers: number;
  chargers: number;
  evTransactions: number;
  clients: number;
  bankTransactions: number;
  sensors: number;
  readingsPerSensor: number;
  energyUsers: number;
  energyDays: number;
  products: number;
  sales: number;
}

export const SMALL: Scale = {
  evUsers: 20,
  chargers: 8,
  evTransactions: 60,
  clients: 15,
  bankTransactions: 50,
  sensors: 4,
  readingsPerSensor: 24,
  energyUsers: 5,
  energyDays: 10,
  products: 12,
  sales: 40,
};

export interface GenerateOptions {
  seed: number;
  scale: Scale;
  /** Probability per fact row of planting one anomaly (0 for clean data). */
  anomalyRate: number;
  /** First day of the generated period. */
  start?: string;
  /**
   * Prepended to every id (users, chargers, clients, products, sensors, transactions, sales), so
   * a test's rows cannot be mistaken for rows another test publishes on the same topics.
   */
  prefix?: string;
}

const FIRST = [
  'Ana',
  'Bruno',
  'Chloé',
  'Dmitri',
  'Eva',
  'Farid',
  'Grace',
  'Hiro',
  'Inès',
  'João',
  'Kai',
  'Lena',
  'Marek',
  'Nora',
  "O'Neil",
  'Priya',
];
const LAST = [
  'Souza',
  'Martin',
  'Kowalski',
  'Nakamura',
  'Dubois',
  'Okafor',
  'Larsen',
  'García',
  'Rossi',
  'Müller',
  'Ivanova',
  'Chen',
];
const CITIES = ['Lyon', 'Porto', 'Kraków', 'Rotterdam', 'Turin', 'Aarhus', 'Gent', 'Bilbao'];
const CONNECTORS = ['CCS2', 'CHAdeMO', 'Type2'];
const COUNTRIES = ['PT', 'FR', 'PL', 'NL', 'IT', 'DK', 'BE', 'ES'];
const TX_TYPES = ['deposit', 'withdrawal', 'transfer', 'payment', 'fee', 'interest'];
const CATEGORIES = ['Coffee', 'Tea', 'Bakery', 'Dairy', 'Snacks'];
const DAY_MS = 86_400_000;

const pad = (n: number, width = 5) => String(n).padStart(width, '0');
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoTime = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * Realistic data for all nine datasets from one seed, referentially consistent (every
 * transaction's user and charger exist, every sale's product exists…), with anomalies planted in
 * the fact datasets at `anomalyRate` and listed in `anomalies`.
 */
export function generateDatasets(options: GenerateOptions): {
  rows: Record<Dataset, Row[]>;
  anomalies: Anomaly[];
} {
  const rng = new Random(options.seed);
  const { scale } = options;
  const start = Date.parse(`${options.start ?? '2026-10-01'}T00:00:00Z`);
  const anomalies: Anomaly[] = [];
  const id = (text: string) => `${options.prefix ?? ''}${text}`;

  const users = Array.from({ length: scale.evUsers }, (_, i): Row => {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    return {
      user_id: id(`u-${pad(i + 1)}`),
      first_name: first,
      last_name: last,
      email: `${first}.${last}.${i + 1}@example.com`.toLowerCase().replace(/[^a-z0-9.@-]/g, ''),
      phone: `+351 9${rng.int(10_000_000, 99_999_999)}`,
      signup_date: isoDate(start - rng.int(30, 900) * DAY_MS),
    };
  });
  const chargers = Array.from({ length: scale.chargers }, (_, i): Row => {
    const city = rng.pick(CITIES);
    return {
      charger_id: id(`ch-${pad(i + 1)}`),
      name: `${city} P${i + 1}`,
      city,
      address: `${rng.int(1, 200)} Station Road`,
      latitude: rng.decimal(38, 56, 5),
      longitude: rng.decimal(-9, 20, 5),
      power_kw: rng.pick([22, 50, 150, 350]),
      connector_type: rng.pick(CONNECTORS),
    };
  });
  const clients = Array.from({ length: scale.clients }, (_, i): Row => ({
    client_id: id(`c-${pad(i + 1)}`),
    name: `${rng.pick(FIRST)} ${rng.pick(LAST)}`,
    email: `client${i + 1}@example.com`,
    country: rng.pick(COUNTRIES),
    created_at: isoTime(start - rng.int(100, 3000) * DAY_MS),
  }));
  const products = Array.from({ length: scale.products }, (_, i): Row => ({
    product_id: id(`p-${pad(i + 1)}`),
    name: `Product ${i + 1}`,
    category: CATEGORIES[i % CATEGORIES.length]!,
    price: rng.decimal(1, 40, 2),
  }));

  // A duplicate repeats the previous row, which must itself be clean: a copy of a defective row
  // would carry its defect too, and be two anomalies at once.
  const previousIsClean = (dataset: Dataset, rows: Row[]) =>
    rows.length > 0 && !anomalies.some((a) => a.dataset === dataset && a.row === rows.length);

  /** Plants at most one anomaly in a fact row; returns the row as written. */
  function plant(
    dataset: Dataset,
    rows: Row[],
    row: Row,
    defects: Partial<Record<AnomalyKind, () => [string, Row]>>,
  ): Row {
    const kinds = Object.keys(defects) as AnomalyKind[];
    if (kinds.length === 0 || !rng.chance(options.anomalyRate)) return row;
    const kind = rng.pick(kinds);
    const [field, defective] = defects[kind]!();
    anomalies.push({ dataset, row: rows.length + 1, kind, field });
    return defective;
  }

  const evTransactions: Row[] = [];
  for (let i = 0; i < scale.evTransactions; i++) {
    const begin = start + rng.int(0, 29 * 24 * 60) * 60_000;
    const energy = rng.decimal(2, 80, 2);
    const row: Row = {
      transaction_id: id(`tx-${pad(i + 1, 7)}`),
      user_id: rng.pick(users)['user_id']!,
      charger_id: rng.pick(chargers)['charger_id']!,
      start_time: isoTime(begin),
      end_time: isoTime(begin + rng.int(10, 180) * 60_000),
      energy_kwh: energy,
      cost: Math.round(energy * 0.45 * 100) / 100,
      currency: 'EUR',
    };
    evTransactions.push(
      plant('ev.transactions', evTransactions, row, {
        ...(previousIsClean('ev.transactions', evTransactions)
          ? {
              duplicate: (): [string, Row] => [
                'transaction_id',
                { ...evTransactions[evTransactions.length - 1]! },
              ],
            }
          : {}),
        orphan: () => ['user_id', { ...row, user_id: id('u-99999') }],
        negative: () => ['energy_kwh', { ...row, energy_kwh: -energy }],
        unparseable_date: () => ['start_time', { ...row, start_time: '31/02/2026 25:61' }],
      }),
    );
  }

  const bankTransactions: Row[] = [];
  for (let i = 0; i < scale.bankTransactions; i++) {
    const row: Row = {
      transaction_id: id(`bt-${pad(i + 1, 7)}`),
      client_id: rng.pick(clients)['client_id']!,
      transaction_type: rng.pick(TX_TYPES),
      transaction_date: isoDate(start + rng.int(0, 29) * DAY_MS),
      amount: rng.decimal(1, 5_000, 2),
      currency: 'EUR',
    };
    bankTransactions.push(
      plant('banking.transactions', bankTransactions, row, {
        orphan: () => ['client_id', { ...row, client_id: id('c-99999') }],
        null: () => ['amount', { ...row, amount: null }],
        unparseable_date: () => ['transaction_date', { ...row, transaction_date: 'not a date' }],
      }),
    );
  }

  const readings: Row[] = [];
  for (let s = 0; s < scale.sensors; s++) {
    let temperature = rng.decimal(15, 25, 1);
    for (let h = 0; h < scale.readingsPerSensor; h++) {
      temperature = Math.round((temperature + rng.decimal(-0.8, 0.8, 1)) * 10) / 10;
      const row: Row = {
        sensor_id: id(`sensor-${pad(s + 1, 3)}`),
        timestamp: isoTime(start + h * 3_600_000),
        temperature,
        pressure: rng.decimal(990, 1030, 1),
        humidity: rng.decimal(30, 70, 1),
      };
      readings.push(
        plant('telemetry.readings', readings, row, {
          null: () => [
            'temperature',
            { ...row, temperature: null, pressure: null, humidity: null },
          ],
          unparseable_date: () => ['timestamp', { ...row, timestamp: 'yesterday' }],
        }),
      );
    }
  }

  const usage: Row[] = [];
  for (let u = 0; u < scale.energyUsers; u++) {
    for (let d = 0; d < scale.energyDays; d++) {
      const kwh = rng.decimal(3, 45, 2);
      const row: Row = {
        user_id: id(`u-${pad(u + 1)}`),
        date: isoDate(start + d * DAY_MS),
        usage_kwh: kwh,
      };
      usage.push(
        plant('energy.usage', usage, row, {
          negative: () => ['usage_kwh', { ...row, usage_kwh: -kwh }],
          null: () => ['usage_kwh', { ...row, usage_kwh: null }],
        }),
      );
    }
  }

  const sales: Row[] = [];
  for (let i = 0; i < scale.sales; i++) {
    const product = rng.pick(products);
    const quantity = rng.int(1, 5);
    const row: Row = {
      sale_id: id(`s-${pad(i + 1, 7)}`),
      product_id: product['product_id']!,
      quantity,
      amount: Math.round(quantity * Number(product['price']) * 100) / 100,
      sale_date: isoDate(start + rng.int(0, 29) * DAY_MS),
    };
    sales.push(
      plant('retail.sales', sales, row, {
        orphan: () => ['product_id', { ...row, product_id: id('p-99999') }],
        negative: () => ['quantity', { ...row, quantity: -quantity }],
        ...(previousIsClean('retail.sales', sales)
          ? { duplicate: (): [string, Row] => ['sale_id', { ...sales[sales.length - 1]! }] }
          : {}),
      }),
    );
  }

  return {
    rows: {
      'ev.users': users,
      'ev.chargers': chargers,
      'ev.transactions': evTransactions,
      'banking.clients': clients,
      'banking.transactions': bankTransactions,
      'telemetry.readings': readings,
      'energy.usage': usage,
      'retail.products': products,
      'retail.sales': sales,
    },
    anomalies,
  };
}

/** RFC 4180 CSV: a header of the canonical columns, fields quoted when they need it, CRLF. */
export function toCsv(dataset: Dataset, rows: readonly Row[]): string {
  const columns = COLUMNS[dataset];
  const cell = (value: Cell) => {
    if (value === null) return '';
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [
    columns.join(','),
    ...rows.map((row) => columns.map((c) => cell(row[c] ?? null)).join(',')),
  ]
    .map((line) => `${line}\r\n`)
    .join('');
}

export function toNdjson(rows: readonly Row[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}
