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
  };
}

/** The minutes whose fragments the rows change, each once, by sensor then time. */
export function touchedMinutes(rows: readonly ReadingRow[]): Minute[] {
  const seen = new Map<string, Minute>();
  for (const row of rows) {
    const start = `${row.ts.slice(0, 16)}:00`;
    seen.set(`${row.sensor_id}\u0000${start}`, { sensor_id: row.sensor_id, start });
  }
  return [...seen.values()].sort(bySensorThenStart);
}

/** Minutes in the readings table's order: by sensor, then time. */
function bySensorThenStart(a: Minute, b: Minute): number {
  if (a.sensor_id !== b.sensor_id) return a.sensor_id < b.sensor_id ? -1 : 1;
  return a.start < b.start ? -1 : a.start > b.start ? 1 : 0;
}
