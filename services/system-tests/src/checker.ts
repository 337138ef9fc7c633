import { type ClickHouseClient } from '@clickhouse/client';
import { ch } from '@tributary/platform';
import { exactSummary, type ExactSummary } from '@tributary/testing';
import { type AckedReading, type Ledger } from './ledger';

const MEASURES = ['temperature', 'pressure', 'humidity'] as const;
type Measure = (typeof MEASURES)[number];

/** What one source (the public API, or ClickHouse directly) holds against the ledger. */
export interface SourceFindings {
  /** Distinct reading ids of the run's sensors the source returned. */
  readonly seen: number;
  /** Acknowledged, and missing. */
  readonly lost: string[];
  /** Returned more than once (through the API), or stored more than once after deduplication. */
  readonly duplicated: string[];
  /** Returned or stored for the run's sensors, never acknowledged. */
  readonly phantom: string[];
  /** Present, with other values (sensor, time or a measurement) than were acknowledged. */
  readonly wrongValues: string[];
  /** Sent, never acknowledged, yet stored: allowed (at least once), counted. */
  readonly unacknowledgedStored: number;
}

/** A bucket whose figures differ from those computed from the ledger. */
export interface RollupMismatch {
  readonly sensor_id: string;
  readonly bucket: string;
  readonly expected: string;
  readonly actual: string;
}

export interface CheckReport {
  readonly acknowledged: number;
  readonly ledgerConflicts: number;
  readonly api: SourceFindings;
  readonly clickhouse: SourceFindings;
  /** Hourly buckets from GET /v1/sensors/aggregates against the ledger. */
  readonly apiRollups: RollupMismatch[];
  /** telemetry_minutes (FINAL) against the ledger. */
  readonly storedRollups: RollupMismatch[];
  /** Rows stored more than once before deduplication (replays waiting for a merge): not a defect. */
  readonly redeliveredRows: number;
  readonly ok: boolean;
}

/** Checking could not finish: the check fails, it never passes for want of an answer. */
export class CheckInfrastructureError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CheckInfrastructureError';
  }
}

export interface CheckerTarget {
  /** The gateway's base URL, e.g. http://127.0.0.1:7000. */
  readonly api: string;
  /** A bearer token with the `read` permission. */
  readonly token: string;
  /** A client on the ClickHouse database the platform projects into. */
  readonly clickhouse: ClickHouseClient;
}

/**
 * Compares the ledger with what the platform serves and stores, after a drain: through the
 * public API every reading of every sensor of the run (all pages) and the hourly aggregates; in
 * ClickHouse the readings as the API reads them (`FINAL`) and the rollup minutes. Each expected
 * figure is computed here from the ledger alone. Any error reaching a source throws
 * CheckInfrastructureError.
 */
export async function check(ledger: Ledger, target: CheckerTarget): Promise<CheckReport> {
  const bySensor = ledger.bySensor();
  const sensors = [...bySensor.keys()].sort();

  const apiRows: ReadingRow[] = [];
  for (const sensor of sensors) apiRows.push(...(await apiReadings(target, sensor)));
  const storedRows = await storedReadings(target.clickhouse, ledger.sensorPrefix);

  const expectedBuckets = expectedRollups(bySensor, 3_600_000);
  const apiRollups: RollupMismatch[] = [];
  for (const sensor of sensors) {
    const actual = await apiHourly(target, sensor);
    apiRollups.push(...compareRollups(sensor, expectedBuckets.get(sensor) ?? new Map(), actual));
  }
  const storedRollups = await compareStoredMinutes(target.clickhouse, ledger, bySensor);

  const api = findings(ledger, apiRows);
  const clickhouse = findings(ledger, storedRows);
  const redeliveredRows = await redelivered(target.clickhouse, ledger.sensorPrefix);
  const clean = (f: SourceFindings) =>
    f.lost.length + f.duplicated.length + f.phantom.length + f.wrongValues.length === 0;
  return {
    acknowledged: ledger.size,
    ledgerConflicts: ledger.conflicts.length,
    api,
    clickhouse,
    apiRollups,
    storedRollups,
    redeliveredRows,
    ok:
      ledger.conflicts.length === 0 &&
      clean(api) &&
      clean(clickhouse) &&
      apiRollups.length === 0 &&
      storedRollups.length === 0,
  };
}

/** A report as a few lines a person reads: counts, and the first ids of each finding. */
export function describeReport(report: CheckReport): string {
  const ids = (list: readonly string[]) =>
    list.length === 0 ? '0' : `${list.length} (${list.slice(0, 5).join(', ')}…)`;
  const source = (name: string, f: SourceFindings) =>
    `${name}: seen ${f.seen}, lost ${ids(f.lost)}, duplicated ${ids(f.duplicated)}, phantom ${ids(f.phantom)}, wrong values ${ids(f.wrongValues)}, stored unacknowledged ${f.unacknowledgedStored}`;
  const rollups = (name: string, list: readonly RollupMismatch[]) =>
    `${name}: ${list.length} wrong${list.length ? ` (first: ${JSON.stringify(list[0])})` : ''}`;
  return [
    `acknowledged ${report.acknowledged}, ledger conflicts ${report.ledgerConflicts}, redelivered rows awaiting merge ${report.redeliveredRows}`,
    source('API', report.api),
    source('ClickHouse', report.clickhouse),
    rollups('API hourly aggregates', report.apiRollups),
    rollups('ClickHouse minutes', report.storedRollups),
    report.ok ? 'OK' : 'FAILED',
  ].join('\n');
}

interface ReadingRow {
  readonly id: string;
  readonly sensor_id: string;
  readonly timestamp_ms: number;
  readonly temperature: number | null;
  readonly pressure: number | null;
  readonly humidity: number | null;
}

function findings(ledger: Ledger, rows: readonly ReadingRow[]): SourceFindings {
  const seen = new Map<string, number>();
  const duplicated: string[] = [];
  const phantom: string[] = [];
  const wrongValues: string[] = [];
  let unacknowledgedStored = 0;
  for (const row of rows) {
    const times = (seen.get(row.id) ?? 0) + 1;
    seen.set(row.id, times);
    if (times === 2) duplicated.push(row.id);
    const acked = ledger.get(row.id);
    if (acked === undefined) {
      if (times === 1 && ledger.wasSent(row.id)) unacknowledgedStored++;
      else if (times === 1) phantom.push(row.id);
    } else if (!matches(acked, row) && !wrongValues.includes(row.id)) wrongValues.push(row.id);
  }
  const lost: string[] = [];
  for (const reading of ledger.readings()) if (!seen.has(reading.id)) lost.push(reading.id);
  return { seen: seen.size, lost, duplicated, phantom, wrongValues, unacknowledgedStored };
}

const matches = (acked: AckedReading, row: ReadingRow): boolean =>
  acked.sensor_id === row.sensor_id &&
  acked.timestamp_ms === row.timestamp_ms &&
  MEASURES.every((m) => acked[m] === row[m]);

async function getJson<T>(target: CheckerTarget, path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${target.api}${path}`, {
      headers: { authorization: `Bearer ${target.token}` },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new CheckInfrastructureError(`GET ${path} failed: ${String(error)}`, { cause: error });
  }
  const text = await response.text();
  if (response.status !== 200)
    throw new CheckInfrastructureError(`GET ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** Every page of a list route. */
async function allPages<T>(target: CheckerTarget, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let pages = 0; ; pages++) {
    if (pages > 100_000) throw new CheckInfrastructureError(`${path}: pagination never ends`);
    const separator = path.includes('?') ? '&' : '?';
    const page: Page<T> = await getJson<Page<T>>(
      target,
      `${path}${separator}limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    if (!page.next_cursor) return items;
    cursor = page.next_cursor;
  }
}

interface ApiReading {
  id: string;
  sensor_id: string;
  timestamp: string;
  temperature: number | null;
  pressure: number | null;
  humidity: number | null;
}

async function apiReadings(target: CheckerTarget, sensor: string): Promise<ReadingRow[]> {
  const items = await allPages<ApiReading>(
    target,
    `/v1/sensors/${encodeURIComponent(sensor)}/readings`,
  );
  return items.map((r) => ({
    id: r.id,
    sensor_id: r.sensor_id,
    timestamp_ms: Date.parse(r.timestamp),
    temperature: r.temperature,
    pressure: r.pressure,
    humidity: r.humidity,
  }));
}

async function query<T>(clickhouse: ClickHouseClient, text: string): Promise<T[]> {
  try {
    const result = await clickhouse.query({ query: text, format: 'JSONEachRow' });
    return await result.json<T>();
  } catch (error) {
    throw new CheckInfrastructureError(`ClickHouse: ${String(error)}`, { cause: error });
  }
}

const prefixFilter = (prefix: string) => ch.sql`startsWith(sensor_id, ${ch.str(prefix)})`;

/** The run's readings as the API reads them: deduplicated by `FINAL`. */
async function storedReadings(clickhouse: ClickHouseClient, prefix: string): Promise<ReadingRow[]> {
  const rows = await query<{
    reading_id: string;
    sensor_id: string;
    ms: string;
    temperature: number | null;
    pressure: number | null;
    humidity: number | null;
  }>(
    clickhouse,
    ch.sql`SELECT reading_id, sensor_id, toString(toUInt64(ts) * 1000 + ts_ms) AS ms,
                  temperature, pressure, humidity
           FROM telemetry_readings FINAL WHERE ${prefixFilter(prefix)}`.text,
  );
  return rows.map((r) => ({
    id: r.reading_id,
    sensor_id: r.sensor_id,
    timestamp_ms: Number(r.ms),
    temperature: r.temperature,
    pressure: r.pressure,
    humidity: r.humidity,
  }));
}

/** Rows beyond one per key before deduplication: replays not merged yet. */
async function redelivered(clickhouse: ClickHouseClient, prefix: string): Promise<number> {
  const [row] = await query<{ extra: string }>(
    clickhouse,
    ch.sql`SELECT toString(count() - uniqExact(sensor_id, ts, reading_id)) AS extra
           FROM telemetry_readings WHERE ${prefixFilter(prefix)}`.text,
  );
  return Number(row?.extra ?? 0);
}

/** The figures of one bucket, computed from the ledger. */
interface BucketFigures {
  readings: number;
  measures: Record<Measure, ExactSummary>;
}

function expectedRollups(
  bySensor: Map<string, AckedReading[]>,
  bucketMs: number,
): Map<string, Map<number, BucketFigures>> {
  const out = new Map<string, Map<number, BucketFigures>>();
  for (const [sensor, readings] of bySensor) {
    const buckets = new Map<number, AckedReading[]>();
    for (const r of readings) {
      const start = Math.floor(r.timestamp_ms / bucketMs) * bucketMs;
      buckets.set(start, [...(buckets.get(start) ?? []), r]);
    }
    const figures = new Map<number, BucketFigures>();
    for (const [start, list] of buckets) {
      figures.set(start, {
        readings: list.length,
        measures: Object.fromEntries(
          MEASURES.map((m) => [
            m,
            exactSummary(list.map((r) => r[m]).filter((v): v is number => v !== null)),
          ]),
        ) as Record<Measure, ExactSummary>,
      });
    }
    out.set(sensor, figures);
  }
  return out;
}

const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

function sameFigures(expected: BucketFigures, actual: BucketFigures): boolean {
  return (
    expected.readings === actual.readings &&
    MEASURES.every((m) => {
      const [e, a] = [expected.measures[m], actual.measures[m]];
      return (
        e.count === a.count &&
        close(e.min, a.min) &&
        close(e.max, a.max) &&
        close(e.avg, a.avg) &&
        close(e.p50, a.p50) &&
        close(e.p95, a.p95)
      );
    })
  );
}

function compareRollups(
  sensor: string,
  expected: Map<number, BucketFigures>,
  actual: Map<number, BucketFigures>,
): RollupMismatch[] {
  const out: RollupMismatch[] = [];
  for (const start of new Set([...expected.keys(), ...actual.keys()])) {
    const [e, a] = [expected.get(start), actual.get(start)];
    if (e && a && sameFigures(e, a)) continue;
    out.push({
      sensor_id: sensor,
      bucket: new Date(start).toISOString(),
      expected: JSON.stringify(e ?? null),
      actual: JSON.stringify(a ?? null),
    });
  }
  return out;
}

interface ApiAggregate {
  bucket_start: string;
  readings: number;
  temperature: ExactSummary;
  pressure: ExactSummary;
  humidity: ExactSummary;
}

async function apiHourly(
  target: CheckerTarget,
  sensor: string,
): Promise<Map<number, BucketFigures>> {
  const items = await allPages<ApiAggregate>(
    target,
    `/v1/sensors/aggregates?interval=hour&sensor_id=${encodeURIComponent(sensor)}`,
  );
  return new Map(
    items.map((item) => [
      Date.parse(item.bucket_start),
      {
        readings: item.readings,
        measures: {
          temperature: item.temperature,
          pressure: item.pressure,
          humidity: item.humidity,
        },
      },
    ]),
  );
}

/** Each stored minute of the run's sensors (FINAL) against the minute computed from the ledger. */
async function compareStoredMinutes(
  clickhouse: ClickHouseClient,
  ledger: Ledger,
  bySensor: Map<string, AckedReading[]>,
): Promise<RollupMismatch[]> {
  const rows = await query<{
    sensor_id: string;
    minute_ms: string;
    reading_count: string;
    temperature_values: number[];
    pressure_values: number[];
    humidity_values: number[];
  }>(
    clickhouse,
    ch.sql`SELECT sensor_id, toString(toUInt64(minute) * 1000) AS minute_ms,
                  toString(reading_count) AS reading_count,
                  temperature_values, pressure_values, humidity_values
           FROM telemetry_minutes FINAL WHERE ${prefixFilter(ledger.sensorPrefix)}`.text,
  );
  const actual = new Map<string, Map<number, BucketFigures>>();
  for (const row of rows) {
    const minutes = actual.get(row.sensor_id) ?? new Map<number, BucketFigures>();
    minutes.set(Number(row.minute_ms), {
      readings: Number(row.reading_count),
      measures: {
        temperature: exactSummary(row.temperature_values),
        pressure: exactSummary(row.pressure_values),
        humidity: exactSummary(row.humidity_values),
      },
    });
    actual.set(row.sensor_id, minutes);
  }
  const expected = expectedRollups(bySensor, 60_000);
  const out: RollupMismatch[] = [];
  for (const sensor of new Set([...expected.keys(), ...actual.keys()])) {
    out.push(
      ...compareRollups(sensor, expected.get(sensor) ?? new Map(), actual.get(sensor) ?? new Map()),
    );
  }
  return out;
}
