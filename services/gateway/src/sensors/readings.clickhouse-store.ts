import { type ClickHouseClient } from '@clickhouse/client';
import { ch } from '@tributary/platform';
import {
  ROLLUP_FIGURES,
  ROLLUP_METRICS,
  rollupBucket,
  rollupColumns,
} from '@tributary/read-models';
import {
  type Aggregate,
  type AggregateFilter,
  type AggregateKey,
  type MetricSummary,
  type ReadingFilter,
  type ReadingKey,
  type ReadingsStore,
  type StoredReading,
} from './readings.store';

type SqlFragment = ReturnType<typeof ch.raw>;

interface ReadingRow {
  reading_id: string;
  sensor_id: string;
  ts_s: number;
  ts_ms: number;
  temperature: number | null;
  pressure: number | null;
  humidity: number | null;
  metric_names: string[];
  metric_values: number[];
  version: number;
  client_id: string | null;
}

const READING_COLUMNS = ch.raw(
  `reading_id, sensor_id, toUnixTimestamp(ts) AS ts_s, ts_ms, temperature, pressure, humidity,
   metric_names, metric_values, version, client_id`,
);

/** A second-precision DateTime and its milliseconds, as the table stores an instant. */
const split = (ms: number) => ({
  seconds: new Date(Math.floor(ms / 1000) * 1000),
  millis: ms % 1000,
});

const DAY_MS = 86_400_000;

/**
 * Reads the telemetry tables with FINAL, so each reading shows once, at its highest version. Only
 * key columns (sensor, time) go before FINAL's merge; value filters run on merged rows, so a
 * corrected value is what a filter sees.
 */
export class ClickHouseReadingsStore implements ReadingsStore {
  constructor(private readonly client: ClickHouseClient) {}

  async list(
    filter: ReadingFilter,
    after: ReadingKey | undefined,
    limit: number,
  ): Promise<StoredReading[]> {
    const where: SqlFragment[] = [];
    if (filter.sensorId !== undefined) where.push(ch.sql`sensor_id = ${ch.str(filter.sensorId)}`);
    if (filter.fromMs !== undefined) {
      const { seconds, millis } = split(filter.fromMs);
      where.push(
        ch.sql`ts >= ${ch.dateTime(seconds)} AND (ts, ts_ms) >= (${ch.dateTime(seconds)}, ${ch.int(millis)})`,
      );
    }
    if (filter.toMs !== undefined) {
      const { seconds, millis } = split(filter.toMs);
      where.push(
        ch.sql`ts <= ${ch.dateTime(seconds)} AND (ts, ts_ms) < (${ch.dateTime(seconds)}, ${ch.int(millis)})`,
      );
    }
    if (filter.minTemperature !== undefined)
      where.push(ch.sql`temperature >= ${ch.float(filter.minTemperature)}`);
    if (filter.maxTemperature !== undefined)
      where.push(ch.sql`temperature <= ${ch.float(filter.maxTemperature)}`);
    if (filter.minPressure !== undefined)
      where.push(ch.sql`pressure >= ${ch.float(filter.minPressure)}`);
    if (filter.maxPressure !== undefined)
      where.push(ch.sql`pressure <= ${ch.float(filter.maxPressure)}`);
    if (after) {
      const { seconds, millis } = split(after.timestampMs);
      where.push(
        ch.sql`ts >= ${ch.dateTime(seconds)} AND (ts, ts_ms, sensor_id, reading_id) > (${ch.dateTime(seconds)}, ${ch.int(millis)}, ${ch.str(after.sensorId)}, ${ch.str(after.id)})`,
      );
    }
    const rows = await this.rows<ReadingRow>(ch.sql`SELECT ${READING_COLUMNS}
      FROM telemetry_readings FINAL
      ${whereClause(where)}
      ORDER BY ts, ts_ms, sensor_id, reading_id
      LIMIT ${ch.int(limit)}`);
    return rows.map(toReading);
  }

  async get(id: string): Promise<StoredReading | undefined> {
    const rows = await this.rows<ReadingRow>(ch.sql`SELECT ${READING_COLUMNS}
      FROM telemetry_readings FINAL
      WHERE reading_id = ${ch.str(id)}
      LIMIT 1`);
    return rows[0] ? toReading(rows[0]) : undefined;
  }

  async aggregates(
    filter: AggregateFilter,
    after: AggregateKey | undefined,
    limit: number,
  ): Promise<Aggregate[]> {
    // Bucket bounds, rounded up to a bucket's start: a bucket is in range when it starts in it,
    // which for its minutes (and hours) is the same as their own start being in it.
    const bound = (ms: number) =>
      filter.interval === 'hour'
        ? ch.dateTime(new Date(Math.ceil(ms / 3_600_000) * 3_600_000))
        : ch.dateTime(new Date(Math.ceil(ms / DAY_MS) * DAY_MS));
    /** The filter and the page's start, on a table whose time column is `column`. */
    const conditions = (column: 'minute' | 'hour'): SqlFragment[] => {
      const time = ch.raw(column);
      const where: SqlFragment[] = [];
      if (filter.sensorId !== undefined) where.push(ch.sql`sensor_id = ${ch.str(filter.sensorId)}`);
      if (filter.fromMs !== undefined) where.push(ch.sql`${time} >= ${bound(filter.fromMs)}`);
      if (filter.toMs !== undefined) where.push(ch.sql`${time} < ${bound(filter.toMs)}`);
      if (after) {
        const start =
          filter.interval === 'hour'
            ? ch.dateTime(new Date(after.bucketStartMs))
            : ch.date(new Date(after.bucketStartMs).toISOString().slice(0, 10));
        // The first condition is for the primary key; the tuple is the page's exact boundary.
        where.push(
          ch.sql`sensor_id >= ${ch.str(after.sensorId)} AND (sensor_id, ${ch.raw(rollupBucket(filter.interval, column))}) > (${ch.str(after.sensorId)}, ${start})`,
        );
      }
      return where;
    };
    const figures = ROLLUP_METRICS.flatMap((m) => ROLLUP_FIGURES.map((f) => `${m}_${f}`)).join(
      ', ',
    );
    // Each bucket is merged from its minutes (read-models' telemetry-rollups.ts); a minute the
    // projector recomputed is read once, at its newest (FINAL). The page's buckets belong to its
    // first `limit` sensors at most, found first in telemetry_sensor_hours, whose key starts with
    // the time: the minutes are then read by their own key, for the page's sensors only.
    const pageSensors = ch.sql`sensor_id IN (SELECT DISTINCT sensor_id FROM telemetry_sensor_hours
      ${whereClause(conditions('hour'))} ORDER BY sensor_id LIMIT ${ch.int(limit)})`;
    const rows = await this.rows<Record<string, unknown>>(ch.sql`SELECT sensor_id,
             toString(bucket) AS bucket_text, readings, ${ch.raw(figures)}
      FROM (SELECT ${ch.raw(rollupColumns(filter.interval))}
            FROM telemetry_minutes FINAL
            ${whereClause([...conditions('minute'), pageSensors])}
            GROUP BY sensor_id, bucket
            ORDER BY sensor_id, bucket
            LIMIT ${ch.int(limit)})`);
    return rows.map((row) => toAggregate(row, filter.interval));
  }

  private async rows<T>(query: SqlFragment): Promise<T[]> {
    const result = await this.client.query({
      query: query.text,
      format: 'JSONEachRow',
      // 18.16 quotes 64-bit integers in JSON by default; versions and counts fit a JS number.
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return result.json<T>();
  }
}

const whereClause = (conditions: readonly SqlFragment[]): SqlFragment =>
  conditions.length === 0 ? ch.raw('') : ch.sql`WHERE ${ch.join(conditions, ' AND ')}`;

function toReading(row: ReadingRow): StoredReading {
  return {
    id: row.reading_id,
    sensorId: row.sensor_id,
    timestampMs: Number(row.ts_s) * 1000 + Number(row.ts_ms),
    temperature: row.temperature,
    pressure: row.pressure,
    humidity: row.humidity,
    metrics: Object.fromEntries(
      row.metric_names.map((name, i) => [name, row.metric_values[i] ?? 0]),
    ),
    version: Number(row.version),
    clientId: row.client_id,
  };
}

function toAggregate(row: Record<string, unknown>, interval: 'hour' | 'day'): Aggregate {
  const text = String(row.bucket_text);
  const bucketStartMs = Date.parse(
    interval === 'hour' ? `${text.replace(' ', 'T')}Z` : `${text}T00:00:00Z`,
  );
  const summary = (metric: (typeof ROLLUP_METRICS)[number]): MetricSummary => {
    const value = (field: string) => {
      const v = row[`${metric}_${field}`];
      return v === null || v === undefined ? null : Number(v);
    };
    return {
      count: Number(row[`${metric}_count`]),
      min: value('min'),
      max: value('max'),
      avg: value('avg'),
      p50: value('p50'),
      p95: value('p95'),
    };
  };
  return {
    sensorId: String(row.sensor_id),
    bucketStartMs,
    readings: Number(row.readings),
    temperature: summary('temperature'),
    pressure: summary('pressure'),
    humidity: summary('humidity'),
  };
}
