import { type TributaryTelemetry } from '@tributary/contracts';
import { dateTime, nullableFinite } from '../row-values';

export type ReadingEvent =
  TributaryTelemetry.SensorReadingRecorded | TributaryTelemetry.SensorReadingCorrected;

/** One row of telemetry_readings, as JSONEachRow sends it. */
export interface ReadingRow {
  sensor_id: string;
  ts: string;
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
  ingested_at: string;
  client_id: string | null;
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

/**
 * The row a reading event becomes. A recorded reading and a correction map the same way: the
 * version decides which one reads see, whatever order they were projected in. A value its column
 * cannot hold (a time outside DateTime's range, a measurement that is not finite) throws
 * `UnprojectableValueError`: that reading alone is dead-lettered, before anything is written.
 */
export function readingRow(event: ReadingEvent): ReadingRow {
  const metrics = Object.entries(event.metrics).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    sensor_id: event.sensor_id,
    ts: dateTime('timestamp', event.timestamp),
    ts_ms: event.timestamp.getUTCMilliseconds(),
    reading_id: event.reading_id,
    version: event.version,
    temperature: nullableFinite('temperature', event.temperature),
    pressure: nullableFinite('pressure', event.pressure),
    humidity: nullableFinite('humidity', event.humidity),
    metric_names: metrics.map(([name]) => name),
    metric_values: metrics.map(([, value]) => value),
    event_id: event.metadata.event_id,
    source_kind: event.metadata.source.kind,
    ingested_at: dateTime('metadata.ingested_at', event.metadata.ingested_at),
    client_id: event.client_id,
  };
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
    for (const row of rows) touched.touch(row.sensor_id, `${row.ts.slice(0, 16)}:00`);
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
