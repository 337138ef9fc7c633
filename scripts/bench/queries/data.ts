/**
 * The query benchmark's data: a ClickHouse database of the analytics-projector's tables (its own
 * migrations, through the platform's runner), filled straight from `numbers(N)` with values
 * derived from the row number (hashes, arithmetic), so every run builds the same rows. Ids look
 * like the generator's (`sensor-00042`, `u-00042`, `ch-00007`, `c-00042`, `p-00042`), so a route's
 * filters read like a user's.
 */
import { type ClickHouseClient } from '@clickhouse/client';
import {
  ch,
  clickHouseConfigSchema,
  createClickHouse,
  loadConfig,
  readClickHouseMigrations,
  runClickHouseMigrations,
  type Logger,
} from '@tributary/platform';
import {
  ANALYTICS_MIGRATIONS,
  bankingDailyRecomputation,
  bankingMonthlyRecomputation,
} from '@tributary/read-models';
// The rollups are computed by the projector's own statement, so the bench reads what the
// projector would have written.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ClickHouseTelemetryStore } from '../../../services/analytics-projector/src/telemetry/telemetry.clickhouse-store';

const MIGRATIONS = [ANALYTICS_MIGRATIONS.telemetry, ANALYTICS_MIGRATIONS.datasets];

/** The data starts here; facts spread over PERIOD_DAYS from it. */
export const START = '2026-10-01';
const START_S = Date.parse(`${START}T00:00:00Z`) / 1000;
export const PERIOD_DAYS = 90;
const PERIOD_S = PERIOD_DAYS * 86_400;
/** One reading per sensor every 10 minutes: 1,000 readings are a week. */
export const READING_INTERVAL_S = 600;

export interface Sizes {
  readings: number;
  transactions: number;
}

/** Every count the load derives from the two sizes. */
export function shape(sizes: Sizes) {
  const sensors = Math.max(1, Math.min(10_000, Math.floor(sizes.readings / 100)));
  const perSensor = Math.max(1, Math.floor(sizes.readings / sensors));
  const t = sizes.transactions;
  const energyUsers = Math.max(10, Math.floor(t / 100));
  return {
    sensors,
    perSensor,
    readings: sensors * perSensor,
    evUsers: Math.max(100, Math.floor(t / 50)),
    chargers: Math.max(10, Math.floor(t / 500)),
    evTransactions: t,
    clients: Math.max(100, Math.floor(t / 20)),
    bankTransactions: t,
    energyUsers,
    energyDays: 100,
    energyUsage: energyUsers * 100,
    products: Math.max(10, Math.floor(t / 1_000)),
    sales: t,
    rejections: Math.max(100, Math.floor(t / 100)),
  };
}
export type Shape = ReturnType<typeof shape>;

/** The threshold above which an energy day is an alert (about 2.5% of days). */
const ALERT_THRESHOLD_KWH = 44;
/** Rows per INSERT … SELECT, so no statement holds more than this in memory. */
const CHUNK = 1_000_000;

/** `prefix` and the number zero-padded to `width` digits (18.16 has no leftPad). */
const padded = (prefix: string, expr: string, width: number) =>
  `concat('${prefix}', substring(toString(${10 ** width} + (${expr})), 2))`;
/** A UUID-shaped id derived from a label and the row number. */
const uuid = (label: string, expr = 'number') =>
  `UUIDNumToString(MD5(concat('${label}-', toString(${expr}))))`;
const at = (seconds: string) => `toDateTime(${START_S} + (${seconds}), 'UTC')`;
/** A value in [0, modulo) from the row number: cityHash64(number, salt). */
const hash = (salt: number, modulo: number, expr = 'number') =>
  `(cityHash64(${expr}, ${salt}) % ${modulo})`;
const pick = (values: readonly string[], salt: number, expr = 'number') =>
  `[${values.map((v) => `'${v}'`).join(', ')}][${hash(salt, values.length, expr)} + 1]`;
/** The provenance columns of a file row: source kind, one of 20 jobs, row number, ingestion. */
const provenance = (ingested: string) =>
  `'file' AS source_kind, ${uuid('job', 'number % 20')} AS job_id, number + 1 AS row_number, ${ingested} AS ingested_at`;
const dimension = (label: string) =>
  `${at('0')} AS occurred_at, toUInt64(${START_S}000 * 4194304 + number) AS version, ${uuid(label)} AS event_id, ${provenance(at('60'))}`;

const FIRST = ['Ana', 'Bruno', 'Chloe', 'Dmitri', 'Eva', 'Farid', 'Grace', 'Hiro', 'Ines', 'Joao'];
const LAST = ['Souza', 'Martin', 'Kowalski', 'Nakamura', 'Dubois', 'Okafor', 'Larsen', 'Rossi'];
const CITIES = ['Lyon', 'Porto', 'Krakow', 'Rotterdam', 'Turin', 'Aarhus', 'Gent', 'Bilbao'];
const COUNTRIES = ['PT', 'FR', 'PL', 'NL', 'IT', 'DK', 'BE', 'ES'];
const TX_TYPES = ['deposit', 'withdrawal', 'transfer', 'payment', 'fee', 'interest'];
const CATEGORIES = ['Coffee', 'Tea', 'Bakery', 'Dairy', 'Snacks'];
const DATASETS = [
  'ev.transactions',
  'banking.transactions',
  'telemetry.readings',
  'energy.usage',
  'retail.sales',
];
const REASONS = [
  'user_id: no such user',
  'amount: required',
  'timestamp: not a date-time',
  'usage_kwh: must not be negative',
  'quantity: must be positive',
];

/** One table's rows: how many, and the SELECT over `number` (0 … rows-1) that makes them. */
interface TableLoad {
  table: string;
  rows: (s: Shape) => number;
  select: (s: Shape) => string;
}

interface Group {
  name: string;
  /**
   * Every table of the group starts with it: reloading a group empties them all, the derived
   * tables (banking rollups) as well.
   */
  prefix: string;
  tables: TableLoad[];
  /** Tables computed from the group's others once they are loaded (rollups, alerts). */
  derived?: {
    tables: string[];
    /** The rows each should hold when complete; undefined: any non-zero count. */
    rows?: (s: Shape) => number;
    fill: (client: ClickHouseClient, s: Shape, log: (line: string) => void) => Promise<void>;
  };
}

const telemetry: Group = {
  name: 'telemetry',
  prefix: 'telemetry_',
  tables: [
    {
      table: 'telemetry_readings',
      rows: (s) => s.readings,
      // Sensor-major: number = sensor × perSensor + i, the table's own order.
      select: (s) => `SELECT
          ${padded('sensor-', `intDiv(number, ${s.perSensor}) + 1`, 5)} AS sensor_id,
          ${at(`(number % ${s.perSensor}) * ${READING_INTERVAL_S} + intDiv(number, ${s.perSensor}) * 7 % ${READING_INTERVAL_S}`)} AS ts,
          toUInt16(${hash(1, 1000)}) AS ts_ms,
          ${uuid('reading')} AS reading_id,
          toUInt64(1) AS version,
          if(${hash(2, 1000)} = 0, NULL, round(15 + intDiv(number, ${s.perSensor}) % 10 + ${hash(3, 1000)} / 100, 2)) AS temperature,
          if(${hash(4, 1000)} = 0, NULL, round(990 + ${hash(5, 400)} / 10, 1)) AS pressure,
          if(${hash(6, 50)} = 0, NULL, round(30 + ${hash(7, 400)} / 10, 1)) AS humidity,
          if(intDiv(number, ${s.perSensor}) % 10 = 0, ['co2_ppm'], emptyArrayString()) AS metric_names,
          if(intDiv(number, ${s.perSensor}) % 10 = 0, [toFloat64(400 + ${hash(8, 400)})], emptyArrayFloat64()) AS metric_values,
          ${uuid('reading-event')} AS event_id,
          'api' AS source_kind,
          ${at(`(number % ${s.perSensor}) * ${READING_INTERVAL_S} + 1`)} AS ingested_at,
          CAST(NULL AS Nullable(String)) AS client_id`,
    },
  ],
  derived: {
    tables: ['telemetry_minutes'],
    fill: fillRollups,
  },
};

const ev: Group = {
  name: 'ev',
  prefix: 'ev_',
  tables: [
    {
      table: 'ev_users',
      rows: (s) => s.evUsers,
      select: () => `SELECT
          ${padded('u-', 'number + 1', 5)} AS user_id,
          ${pick(FIRST, 1)} AS first_name, ${pick(LAST, 2)} AS last_name,
          concat('user', toString(number + 1), '@example.com') AS email,
          concat('+351 9', toString(10000000 + ${hash(3, 89999999)})) AS phone,
          toDate('${START}') - 30 - ${hash(4, 870)} AS signup_date,
          ${dimension('ev-user')}`,
    },
    {
      table: 'ev_chargers',
      rows: (s) => s.chargers,
      select: () => `SELECT
          ${padded('ch-', 'number + 1', 5)} AS charger_id,
          concat(${pick(CITIES, 1)}, ' P', toString(number + 1)) AS name,
          ${pick(CITIES, 1)} AS city,
          concat(toString(1 + ${hash(2, 200)}), ' Station Road') AS address,
          38 + ${hash(3, 1800000)} / 100000 AS latitude,
          -9 + ${hash(4, 2900000)} / 100000 AS longitude,
          toFloat64(${pick(['22', '50', '150', '350'], 5)}) AS power_kw,
          ${pick(['CCS2', 'CHAdeMO', 'Type2'], 6)} AS connector_type,
          ${dimension('ev-charger')}`,
    },
    {
      table: 'ev_transactions',
      rows: (s) => s.evTransactions,
      select: (s) => `SELECT
          ${padded('tx-', 'number + 1', 7)} AS transaction_id,
          ${padded('u-', `${hash(1, s.evUsers)} + 1`, 5)} AS user_id,
          ${padded('ch-', `${hash(2, s.chargers)} + 1`, 5)} AS charger_id,
          ${at(`intDiv(number * ${PERIOD_S}, ${s.evTransactions})`)} AS start_time,
          start_time + 600 + ${hash(3, 10800)} AS end_time,
          2 + ${hash(4, 7800)} / 100 AS energy_kwh,
          toDecimal64(round(energy_kwh * 0.45, 2), 4) AS cost,
          'EUR' AS currency,
          ${uuid('ev-tx')} AS event_id,
          ${provenance('end_time + 60')}`,
    },
  ],
};

const banking: Group = {
  name: 'banking',
  prefix: 'banking_',
  tables: [
    {
      table: 'banking_clients',
      rows: (s) => s.clients,
      select: () => `SELECT
          ${padded('c-', 'number + 1', 5)} AS client_id,
          concat(${pick(FIRST, 1)}, ' ', ${pick(LAST, 2)}) AS name,
          concat('client', toString(number + 1), '@example.com') AS email,
          ${pick(COUNTRIES, 3)} AS country,
          ${at(`-86400 * (100 + ${hash(4, 2900)})`)} AS created_at,
          ${dimension('bank-client')}`,
    },
    {
      table: 'banking_transactions',
      rows: (s) => s.bankTransactions,
      select: (s) => `SELECT
          ${padded('bt-', 'number + 1', 7)} AS transaction_id,
          ${padded('c-', `${hash(1, s.clients)} + 1`, 5)} AS client_id,
          ${pick(TX_TYPES, 2)} AS transaction_type,
          ${at(`intDiv(number * ${PERIOD_S}, ${s.bankTransactions})`)} AS transaction_date,
          toDecimal64(round(1 + ${hash(3, 499900)} / 100, 2), 4) AS amount,
          'EUR' AS currency,
          ${uuid('bank-tx')} AS event_id,
          ${provenance('transaction_date + 60')}`,
    },
  ],
  // The rollups of every client and day, by the statements the projector runs after an insert.
  derived: {
    tables: ['banking_daily', 'banking_monthly'],
    fill: async (client) => {
      await client.command({ query: bankingDailyRecomputation('1', 1) });
      await client.command({ query: bankingMonthlyRecomputation('1', 1) });
    },
  },
};

const energy: Group = {
  name: 'energy',
  prefix: 'energy_',
  tables: [
    {
      table: 'energy_usage',
      rows: (s) => s.energyUsage,
      select: (s) => `SELECT
          ${padded('u-', `intDiv(number, ${s.energyDays}) + 1`, 5)} AS user_id,
          toDate('${START}') + number % ${s.energyDays} AS date,
          3 + ${hash(1, 4200)} / 100 AS usage_kwh,
          ${uuid('energy-usage')} AS event_id,
          ${provenance(at(`(number % ${s.energyDays} + 1) * 86400`))}`,
    },
  ],
  // Alerts are the days above the threshold, as file-ingest raises them on upload.
  derived: {
    tables: ['energy_alerts'],
    fill: async (client) => {
      await client.command({
        query: `INSERT INTO energy_alerts
          SELECT UUIDNumToString(MD5(concat('alert-', event_id))), user_id, date, usage_kwh,
                 ${ALERT_THRESHOLD_KWH}, event_id, job_id, ingested_at
          FROM energy_usage WHERE usage_kwh > ${ALERT_THRESHOLD_KWH}`,
      });
    },
  },
};

/** A product's price, from its number (0-based): sales compute their amounts with it. */
const price = (expr: string) => `(1 + ${hash(9, 3900, expr)} / 100)`;

const retail: Group = {
  name: 'retail',
  prefix: 'retail_',
  tables: [
    {
      table: 'retail_products',
      rows: (s) => s.products,
      select: () => `SELECT
          ${padded('p-', 'number + 1', 5)} AS product_id,
          concat('Product ', toString(number + 1)) AS name,
          [${CATEGORIES.map((c) => `'${c}'`).join(', ')}][number % ${CATEGORIES.length} + 1] AS category,
          toDecimal64(round(${price('number')}, 2), 4) AS price,
          ${dimension('retail-product')}`,
    },
    {
      table: 'retail_sales',
      rows: (s) => s.sales,
      select: (s) => `SELECT
          ${padded('s-', 'number + 1', 7)} AS sale_id,
          ${padded('p-', `${hash(1, s.products)} + 1`, 5)} AS product_id,
          toInt64(1 + ${hash(2, 5)}) AS quantity,
          toDecimal64(round(quantity * ${price(hash(1, s.products))}, 2), 4) AS amount,
          toDate('${START}') + intDiv(number * ${PERIOD_DAYS}, ${s.sales}) AS sale_date,
          ${uuid('retail-sale')} AS event_id,
          ${provenance(at(`(intDiv(number * ${PERIOD_DAYS}, ${s.sales}) + 1) * 86400`))}`,
    },
  ],
};

const rejections: Group = {
  name: 'rejections',
  prefix: 'ingest_rejections',
  tables: [
    {
      table: 'ingest_rejections',
      rows: (s) => s.rejections,
      select: (s) => `SELECT
          ${uuid('rejection')} AS event_id,
          ${uuid('job', 'number % 20')} AS job_id,
          [${DATASETS.map((d) => `'${d}'`).join(', ')}][number % ${DATASETS.length} + 1] AS dataset,
          concat('uploads/', job_id, '.csv') AS object_key,
          toUInt64(2 + ${hash(1, 100000)}) AS row_number,
          [[${REASONS.map((r) => `'${r}'`).join(', ')}][number % ${REASONS.length} + 1]] AS reasons,
          concat('{"row":', toString(row_number), '}') AS raw,
          ${at(`intDiv(number * ${PERIOD_S}, ${s.rejections})`)} AS rejected_at`,
    },
  ],
};

export const GROUPS: readonly Group[] = [telemetry, ev, banking, energy, retail, rejections];

/**
 * The rollups' minutes of every sensor, by the projector's own statement (sensors in groups of
 * 1,000, each minute FINAL-deduplicated), as its write-behind would have recomputed them.
 */
async function fillRollups(
  client: ClickHouseClient,
  s: Shape,
  log: (line: string) => void,
): Promise<void> {
  const store = new ClickHouseTelemetryStore(client);
  const perStatement = 1_000;
  for (let first = 0; first < s.sensors; first += perStatement) {
    const ids = Array.from(
      { length: Math.min(perStatement, s.sensors - first) },
      (_, i) => `sensor-${String(first + i + 1).padStart(5, '0')}`,
    );
    await store.recomputeSensors(ids, 1);
    log(`  rollups: sensors ${first + 1}–${first + ids.length}`);
  }
}

async function count(client: ClickHouseClient, table: string): Promise<number> {
  const result = await client.query({
    query: `SELECT count() AS n FROM ${ch.table(table).text}`,
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  return Number((await result.json<{ n: number }>())[0]?.n ?? 0);
}

export interface LoadReport {
  /** Seconds per step, in order: schema, each loaded table, derived tables, merges. */
  phases: [string, number][];
  reused: string[];
  counts: Record<string, number>;
}

/**
 * Brings `database` to the data of `sizes`: the schema by the projector's migrations, then each
 * group whose tables do not hold exactly the expected rows is emptied and loaded again (`reset`:
 * the database is dropped first). Loaded tables are merged (OPTIMIZE … FINAL), the state the
 * background merges reach on a table that is not being written.
 */
export async function prepare(
  database: string,
  sizes: Sizes,
  options: { reset: boolean; logger: Logger; log: (line: string) => void },
): Promise<LoadReport> {
  const { logger, log } = options;
  const config = loadConfig(clickHouseConfigSchema);
  const phases: [string, number][] = [];
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = process.hrtime.bigint();
    const result = await work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    phases.push([name, seconds]);
    log(`  ${name}: ${seconds.toFixed(1)} s`);
    return result;
  };

  const admin = createClickHouse(config, logger, 'default');
  try {
    if (options.reset)
      await admin.command({ query: `DROP DATABASE IF EXISTS ${ch.table(database).text}` });
    await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${ch.table(database).text}` });
  } finally {
    await admin.close();
  }
  const client = createClickHouse(config, logger, database);
  const s = shape(sizes);
  const reused: string[] = [];
  const counts: Record<string, number> = {};
  try {
    const applied = await timed('schema (projector migrations)', async () => {
      const names: string[] = [];
      for (const folder of MIGRATIONS)
        names.push(
          ...(await runClickHouseMigrations(client, readClickHouseMigrations(folder), logger)),
        );
      return names;
    });
    // A new migration may add tables (or views) the loaded rows never went through: reload all.
    const stale = applied.length > 0;
    const tablesOf = async (prefix: string): Promise<string[]> => {
      const result = await client.query({
        query: `SELECT name FROM system.tables
                WHERE database = currentDatabase() AND engine NOT LIKE '%View'
                  AND startsWith(name, ${ch.str(prefix).text})`,
        format: 'JSONEachRow',
      });
      return (await result.json<{ name: string }>()).map((row) => row.name);
    };
    for (const group of GROUPS) {
      const expected = group.tables.map((t) => [t.table, t.rows(s)] as const);
      const derived = group.derived?.tables ?? [];
      let complete = !stale;
      for (const [table, rows] of expected)
        if ((await count(client, table)) !== rows) complete = false;
      for (const table of derived) if ((await count(client, table)) === 0) complete = false;
      if (complete) {
        reused.push(group.name);
        continue;
      }
      for (const table of await tablesOf(group.prefix))
        await client.command({ query: `TRUNCATE TABLE ${ch.table(table).text}` });
      for (const load of group.tables) {
        const rows = load.rows(s);
        await timed(`${load.table} (${rows.toLocaleString('en')} rows)`, async () => {
          for (let offset = 0; offset < rows; offset += CHUNK) {
            const n = Math.min(CHUNK, rows - offset);
            await client.command({
              query: `INSERT INTO ${ch.table(load.table).text}
                ${load.select(s)}
                FROM (SELECT number + ${offset} AS number FROM numbers(${n}))`,
            });
          }
        });
      }
      if (group.derived) {
        const fill = group.derived.fill;
        await timed(derived.join(' + '), () => fill(client, s, log));
      }
      await timed(`OPTIMIZE FINAL (${group.name})`, async () => {
        for (const table of [...group.tables.map((t) => t.table), ...derived])
          await client.command({
            query: `OPTIMIZE TABLE ${ch.table(table).text} FINAL`,
          });
      });
    }
    for (const group of GROUPS)
      for (const table of [...group.tables.map((t) => t.table), ...(group.derived?.tables ?? [])])
        counts[table] = await count(client, table);
  } finally {
    await client.close();
  }
  return { phases, reused, counts };
}
