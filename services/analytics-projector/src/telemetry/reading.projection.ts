import { type TributaryTelemetry } from '@tributary/contracts';
import { instant, nullableFinite } from '../row-values';

export type ReadingEvent =
  TributaryTelemetry.SensorReadingRecorded | TributaryTelemetry.SensorReadingCorrected;

/** One row of telemetry_readings, as RowBinary writes it (times as instants, within range). */
export interface ReadingRow {
  sensor_id: string;
  ts: Date;
  ts_ms: number;
  reading_id: string;
  version: number;
  temperature: number | null;
  pressure: number | null;
  humidity: number | null;
  metric_names: string[];
  metric_values: number[];
  event_id: string;
  source_kind: string;
  ingested_at: Date;
  client_id: string | null;
}

/** One row of telemetry_minutes: a sensor's minute, its readings counted and their values sorted. */
export interface MinuteRow {
  sensor_id: string;
  minute: Date;
  reading_count: number;
  temperature_values: number[];
  pressure_values: number[];
  humidity_values: number[];
  computed_version: number;
}

/** A minute of one sensor a batch touched: its rollup fragment is recomputed (`YYYY-MM-DD hh:mm:00`, UTC). */
export interface Minute {
  sensor_id: string;
  start: string;
}

/** `YYYY-MM-DD hh:mm:ss` in UTC: what a DateTime('UTC') column reads without best_effort. */
export function clickHouseDateTime(at: Date): string {
  return at.toISOString().slice(0, 19).replace('T', ' ');
}

/** The epoch milliseconds of a `clickHouseDateTime` text (UTC). */
export const clickHouseDateTimeMs = (text: string): number =>
  Date.parse(`${text.replace(' ', 'T')}Z`);

/**
 * The row a reading event becomes. A recorded reading and a correction map the same way: the
 * version decides which one reads see, whatever order they were projected in. A value its column
 * cannot hold (a time outside DateTime's range, a measurement that is not finite) throws
 * `UnprojectableValueError`: that reading alone is dead-lettered, before anything is written.
 */
export function readingRow(event: ReadingEvent): ReadingRow {
  const { names: metric_names, values: metric_values } = metricColumns(event.metrics);
  return {
    sensor_id: event.sensor_id,
    ts: instant('timestamp', event.timestamp),
    ts_ms: event.timestamp.getUTCMilliseconds(),
    reading_id: event.reading_id,
    version: event.version,
    temperature: nullableFinite('temperature', event.temperature),
    pressure: nullableFinite('pressure', event.pressure),
    humidity: nullableFinite('humidity', event.humidity),
    metric_names,
    metric_values,
    event_id: event.metadata.event_id,
    source_kind: event.metadata.source.kind,
    ingested_at: instant('metadata.ingested_at', event.metadata.ingested_at),
    client_id: event.client_id,
  };
}

/** A reading's extra metrics as two arrays sorted by name (code units, as ClickHouse sorts). */
function metricColumns(metrics: Readonly<Record<string, number>>): {
  names: string[];
  values: number[];
} {
  const names = Object.keys(metrics);
  // Most readings have none: no entries, sort or second pass for them.
  if (names.length === 0) return { names, values: [] };
  names.sort();
  return { names, values: names.map((name) => metrics[name]!) };
}

/**
 * Minutes of sensors whose rollup fragments are due: each minute (`YYYY-MM-DD hh:mm:00`) with the
 * sensors that have readings in it. Kept by minute because a flush touches few minutes and many
 * sensors: adding a reading costs a lookup and a set insertion, nothing sorted or parsed per
 * reading (minute objects sorted twice per flush were most of the projector's rollup cost).
 */
export class TouchedMinutes {
  private readonly byMinute = new Map<string, Set<string>>();

  /** The minutes of these rows. */
  static of(rows: readonly ReadingRow[]): TouchedMinutes {
    const touched = new TouchedMinutes();
    // A minute is named once per run of rows in it: rows come in time order, a minute's many.
    let lastMinute = Number.NaN;
    let start = '';
    for (const row of rows) {
      const ms = row.ts.getTime();
      const minute = ms - (ms % 60_000); // times are from 1970 on (`instant`), so never negative
      if (minute !== lastMinute) {
        lastMinute = minute;
        start = clickHouseDateTime(new Date(minute));
      }
      touched.touch(row.sensor_id, start);
    }
    return touched;
  }

  /** These minutes, named one by one (tests, and tables loaded without the projector). */
  static list(minutes: readonly Minute[]): TouchedMinutes {
    const touched = new TouchedMinutes();
    for (const m of minutes) touched.touch(m.sensor_id, m.start);
    return touched;
  }

  touch(sensorId: string, start: string): void {
    const sensors = this.byMinute.get(start);
    if (sensors) sensors.add(sensorId);
    else this.byMinute.set(start, new Set([sensorId]));
  }

  /** Adds another set's minutes to this one. */
  merge(other: TouchedMinutes): void {
    for (const [start, sensors] of other.byMinute) for (const s of sensors) this.touch(s, start);
  }

  get empty(): boolean {
    return this.byMinute.size === 0;
  }

  /** Each minute once with its sensors, in time order (sensors in the order they came). */
  byTime(): [start: string, sensors: ReadonlySet<string>][] {
    return [...this.byMinute].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Each sensor's minutes once, by sensor then time. */
  minutes(): Minute[] {
    const all: Minute[] = [];
    for (const [start, sensors] of this.byMinute)
      for (const sensor_id of sensors) all.push({ sensor_id, start });
    return all.sort(
      (a, b) =>
        (a.sensor_id < b.sensor_id ? -1 : a.sensor_id > b.sensor_id ? 1 : 0) ||
        (a.start < b.start ? -1 : a.start > b.start ? 1 : 0),
    );
  }
}
