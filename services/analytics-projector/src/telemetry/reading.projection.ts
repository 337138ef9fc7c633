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

/** A rollup bucket a batch touched: the sensor and the start of its hour or day, UTC. */
export interface Bucket {
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

function unique(buckets: Bucket[]): Bucket[] {
  const seen = new Map(buckets.map((b) => [`${b.sensor_id}\u0000${b.start}`, b]));
  return [...seen.values()].sort((a, b) =>
    a.sensor_id === b.sensor_id
      ? a.start.localeCompare(b.start)
      : a.sensor_id.localeCompare(b.sensor_id),
  );
}

/** The hourly and daily buckets whose rollups the rows change. */
export function touchedBuckets(rows: readonly ReadingRow[]): { hours: Bucket[]; days: Bucket[] } {
  return {
    hours: unique(
      rows.map((r) => ({ sensor_id: r.sensor_id, start: `${r.ts.slice(0, 13)}:00:00` })),
    ),
    days: unique(rows.map((r) => ({ sensor_id: r.sensor_id, start: r.ts.slice(0, 10) }))),
  };
}
