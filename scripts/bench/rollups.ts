/**
 * Benchmark: what a flush's rollups cost at the start and at the end of a simulated 24 h day, the
 * way analytics-projector keeps them (minutes, `telemetry.clickhouse-store.ts`) beside the way it
 * kept them until issue 15 (every touched sensor's hour and day recomputed from
 * `telemetry_readings FINAL`, the baseline, in a database of its own), in the same run on the
 * same readings. Then what reading the figures costs each way. Prints figures; asserts nothing.
 *
 *   npm run stack:up
 *   npm run bench:rollups                              # 1,000 sensors, a reading every 10 s
 *   npm run bench:rollups -- --sensors 2000 --interval 5 --flushes 20
 *
 * A flush is `--interval` seconds of readings (every sensor once), written and then rolled up,
 * as the projector's write-behind does once per second under load. "Start": the day holds its
 * first minute. "End": the day holds everything up to 23:59. Cost: the wall time of the rollup
 * statements and the CPU the ClickHouse server spent on them (/proc, so run it on the machine
 * that runs the stack), median over `--flushes` flushes. `--keep` leaves both databases behind
 * for a closer look (the next run drops them first).
 */
import { parseArgs } from 'node:util';
import { type ClickHouseClient } from '@clickhouse/client';
import { ANALYTICS_MIGRATIONS } from '@tributary/read-models';
import {
  ch,
  clickHouseConfigSchema,
  createClickHouseDatabase,
  createLogger,
  dropClickHouseDatabase,
  loadConfig,
  readClickHouseMigrations,
  runClickHouseMigrations,
} from '@tributary/platform';
// The projector's own store and row mapping, measured as they run (scripts are no service).
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  TouchedMinutes,
  type ReadingRow,
} from '../../services/analytics-projector/src/telemetry/reading.projection';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ClickHouseTelemetryStore } from '../../services/analytics-projector/src/telemetry/telemetry.clickhouse-store';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ClickHouseReadingsStore } from '../../services/gateway/src/sensors/readings.clickhouse-store';
import { cpuSecondsOf, wholeOption } from './stack-processes';

const { values: args } = parseArgs({
  options: {
    sensors: { type: 'string', default: '1000' },
    interval: { type: 'string', default: '10' },
    flushes: { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
  },
});
const whole = (name: keyof typeof args) => wholeOption(name, args[name] as string);
const SENSORS = whole('sensors');
const INTERVAL_S = whole('interval');
const FLUSHES = whole('flushes');
if (86_400 % INTERVAL_S !== 0) throw new Error('--interval must divide a day (86,400 s)');

const DAY = '2026-11-02';
const DAY_S = Date.parse(`${DAY}T00:00:00Z`) / 1000;
const logger = createLogger('bench', 'warn');
const config = loadConfig(clickHouseConfigSchema);

const sensorId = (i: number) => `sensor-${String(i + 1).padStart(5, '0')}`;
const at = (seconds: number) => new Date(seconds * 1000);

/** Sensor i's reading at second t of the day: deterministic values, every metric reported. */
function row(i: number, t: number): ReadingRow {
  const n = i * 86_400 + t;
  return {
    sensor_id: sensorId(i),
    ts: at(DAY_S + t),
    ts_ms: 0,
    reading_id: `r-${i}-${t}`,
    version: 1,
    temperature: 15 + (n % 1_000) / 100,
    pressure: 990 + (n % 400) / 10,
    humidity: 30 + (n % 500) / 10,
    metric_names: [],
    metric_values: [],
    event_id: `e-${i}-${t}`,
    source_kind: 'bench',
    ingested_at: at(DAY_S + t + 1),
    client_id: null,
  };
}

/** Seconds [from, to) of the day, every sensor's readings in it, loaded server-side at once. */
async function load(client: ClickHouseClient, from: number, to: number): Promise<void> {
  const perSensor = (to - from) / INTERVAL_S;
  const t = `${from} + (number % ${perSensor}) * ${INTERVAL_S}`;
  const i = `intDiv(number, ${perSensor})`;
  const n = `(${i} * 86400 + ${t})`;
  // sensorId's padding, from what 18.16 has (it has no leftPad).
  const number = `toString(${i} + 1)`;
  await client.command({
    query: `INSERT INTO telemetry_readings
      SELECT concat('sensor-', substring('00000', 1, 5 - length(${number})), ${number}) AS sensor_id,
             toDateTime(${DAY_S} + ${t}, 'UTC') AS ts, 0 AS ts_ms,
             concat('r-', toString(${i}), '-', toString(${t})) AS reading_id, 1 AS version,
             15 + (${n} % 1000) / 100 AS temperature, 990 + (${n} % 400) / 10 AS pressure,
             30 + (${n} % 500) / 10 AS humidity, emptyArrayString() AS metric_names,
             emptyArrayFloat64() AS metric_values,
             concat('e-', toString(${i}), '-', toString(${t})) AS event_id, 'bench' AS source_kind,
             toDateTime(${DAY_S} + ${t} + 1, 'UTC') AS ingested_at,
             CAST(NULL AS Nullable(String)) AS client_id
      FROM numbers(${SENSORS * perSensor})`,
  });
}

/** The baseline: the statement the projector ran before issue 15, for every hour and day touched. */
async function recomputeHourAndDay(
  client: ClickHouseClient,
  rows: readonly ReadingRow[],
): Promise<void> {
  const metrics = ['temperature', 'pressure', 'humidity']
    .map(
      (m) =>
        `count(${m}), min(${m}), max(${m}), avg(${m}), quantileExact(0.5)(${m}), quantileExact(0.95)(${m})`,
    )
    .join(', ');
  const sensors = [...new Set(rows.map((r) => r.sensor_id))];
  const hours = [...new Set(rows.map((r) => `${r.ts.toISOString().slice(0, 13)}:00:00`))];
  const days = [...new Set(rows.map((r) => r.ts.toISOString().slice(0, 10)))];
  for (const [table, bucket, starts] of [
    ['telemetry_hourly', 'toStartOfHour(ts)', hours.map((h) => ch.dateTime(new Date(`${h}Z`)))],
    ['telemetry_daily', 'toDate(ts)', days.map((d) => ch.date(d))],
  ] as const) {
    for (let k = 0; k < sensors.length; k += 1_000) {
      const group = sensors.slice(k, k + 1_000);
      await client.command({
        query: `INSERT INTO ${table}
          SELECT sensor_id, ${bucket} AS bucket, count(), ${metrics}, 1
          FROM telemetry_readings FINAL
          WHERE sensor_id IN ${ch.tuple(group, ch.str).text}
            AND ${bucket} IN (${starts.map((s) => s.text).join(', ')})
          GROUP BY sensor_id, bucket`,
      });
    }
  }
}

/** CPU seconds the ClickHouse server has used. */
function clickHouseCpuS(): number {
  const seconds = cpuSecondsOf('clickhouse');
  if (seconds === undefined) throw new Error("the stack's ClickHouse is not running here");
  return seconds;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Cost {
  wallMs: number;
  cpuMs: number;
}

/** `FLUSHES` flushes starting at second `from`: each writes its readings, then times `rollup`. */
async function flushes(
  client: ClickHouseClient,
  from: number,
  rollup: (rows: ReadingRow[]) => Promise<void>,
): Promise<Cost> {
  const store = new ClickHouseTelemetryStore(client);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let f = 0; f < FLUSHES; f += 1) {
    const t = from + f * INTERVAL_S;
    const rows = Array.from({ length: SENSORS }, (_, i) => row(i, t));
    await store.writeReadings(rows);
    const cpuBefore = clickHouseCpuS();
    const started = performance.now();
    await rollup(rows);
    wall.push(performance.now() - started);
    cpu.push((clickHouseCpuS() - cpuBefore) * 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

async function timed(run: () => Promise<unknown>, times = 5): Promise<number> {
  const samples: number[] = [];
  for (let k = 0; k < times; k += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function main(): Promise<void> {
  const telemetry = readClickHouseMigrations(ANALYTICS_MIGRATIONS.telemetry);
  const minutesDb = 'bench_rollups_minutes';
  const baselineDb = 'bench_rollups_baseline';
  for (const name of [minutesDb, baselineDb]) await dropClickHouseDatabase(config, logger, name);
  const minutes = await createClickHouseDatabase(config, logger, minutesDb);
  const baseline = await createClickHouseDatabase(config, logger, baselineDb);
  await runClickHouseMigrations(minutes, telemetry, logger);
  // The baseline keeps the hourly and daily tables the first migration made.
  await runClickHouseMigrations(baseline, telemetry.slice(0, 1), logger);
  const store = new ClickHouseTelemetryStore(minutes);
  const sensors = Array.from({ length: SENSORS }, (_, i) => sensorId(i));
  // In windows of about two hours: one statement for the day can outlast the client's 30 s
  // timeout on a busy machine.
  const window = INTERVAL_S * Math.max(1, Math.floor(7_200 / INTERVAL_S));
  const loadBoth = async (from: number, to: number) => {
    for (let t = from; t < to; t += window)
      for (const client of [minutes, baseline]) await load(client, t, Math.min(to, t + window));
    for (let k = 0; k < SENSORS; k += 100)
      await store.recomputeSensors(sensors.slice(k, k + 100), 1);
  };
  console.log(
    `${SENSORS} sensors, a reading every ${INTERVAL_S} s (${((SENSORS * 86_400) / INTERVAL_S).toLocaleString('en')} readings a day); a flush = ${SENSORS} readings; median of ${FLUSHES} flushes`,
  );

  // The start of the day: its first minute is stored.
  await loadBoth(0, 60);
  const startFlush = 60;
  const start = {
    minutes: await flushes(minutes, startFlush, (rows) =>
      store.recomputeMinutes(TouchedMinutes.of(rows), Date.now()),
    ),
    baseline: await flushes(baseline, startFlush, (rows) => recomputeHourAndDay(baseline, rows)),
  };

  // The end of the day: everything up to 23:59 is stored.
  const endFlush = 86_400 - 60;
  const loadStarted = performance.now();
  await loadBoth(startFlush + FLUSHES * INTERVAL_S, endFlush);
  const loadedS = (performance.now() - loadStarted) / 1000;
  const end = {
    minutes: await flushes(minutes, endFlush, (rows) =>
      store.recomputeMinutes(TouchedMinutes.of(rows), Date.now()),
    ),
    baseline: await flushes(baseline, endFlush, (rows) => recomputeHourAndDay(baseline, rows)),
  };

  const line = (name: string, s: Cost, e: Cost) =>
    `  ${name.padEnd(36)} start ${s.wallMs.toFixed(1).padStart(8)} ms wall ${s.cpuMs.toFixed(0).padStart(6)} ms CPU   end ${e.wallMs.toFixed(1).padStart(8)} ms wall ${e.cpuMs.toFixed(0).padStart(6)} ms CPU   end/start ${(e.cpuMs / Math.max(s.cpuMs, 10)).toFixed(1)}× CPU`;
  console.log(`(the day loaded in ${loadedS.toFixed(0)} s)`);
  console.log('rollups per flush:');
  console.log(line('minutes (now)', start.minutes, end.minutes));
  console.log(line('hour and day from readings (before)', start.baseline, end.baseline));
  const perReading = (c: Cost) => ((c.cpuMs * 1000) / SENSORS).toFixed(1);
  console.log(
    `  ClickHouse CPU per reading at the end of the day: minutes ${perReading(end.minutes)} µs, before ${perReading(end.baseline)} µs`,
  );

  // Reading the figures: merged from minutes now, one stored row per bucket before.
  const readings = new ClickHouseReadingsStore(minutes);
  const fromMs = DAY_S * 1000;
  const oneSensorDay = await timed(() =>
    readings.aggregates({ interval: 'day', sensorId: sensorId(0), fromMs }, undefined, 100),
  );
  const hourPage = await timed(() =>
    readings.aggregates(
      { interval: 'hour', fromMs: fromMs + 23 * 3_600_000, toMs: fromMs + 86_400_000 },
      undefined,
      100,
    ),
  );
  const storedRow = (query: string) =>
    timed(() => baseline.query({ query, format: 'JSONEachRow' }).then((r) => r.json()));
  const oneSensorDayBefore = await storedRow(
    `SELECT * FROM telemetry_daily FINAL WHERE sensor_id = '${sensorId(0)}' ORDER BY bucket LIMIT 100`,
  );
  const hourPageBefore = await storedRow(
    `SELECT * FROM telemetry_hourly FINAL WHERE bucket = toDateTime(${DAY_S + 23 * 3_600}, 'UTC') ORDER BY sensor_id, bucket LIMIT 100`,
  );
  console.log('reading the figures (median of 5):');
  console.log(
    `  one sensor's day:            merged from 1,440 minutes ${oneSensorDay.toFixed(1)} ms; stored row before ${oneSensorDayBefore.toFixed(1)} ms`,
  );
  console.log(
    `  100 sensors' hour 23:00:     merged from minutes ${hourPage.toFixed(1)} ms; stored rows before ${hourPageBefore.toFixed(1)} ms`,
  );
  for (const client of [minutes, baseline]) await client.close();
  if (args.keep) console.log(`kept: databases ${minutesDb} and ${baselineDb}`);
  else
    for (const name of [minutesDb, baselineDb]) await dropClickHouseDatabase(config, logger, name);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
