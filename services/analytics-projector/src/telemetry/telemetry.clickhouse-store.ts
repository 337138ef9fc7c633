import { type ClickHouseClient } from '@clickhouse/client';
import { ch, clickHouseCall } from '@tributary/platform';
import { type Bucket, type ReadingRow } from './reading.projection';
import { type TelemetryStore } from './telemetry.store';

const METRICS = ['temperature', 'pressure', 'humidity'] as const;

/** count, min, max, avg, p50 and p95 of each metric; NULLs (metric not reported) are skipped. */
const AGGREGATES = METRICS.map(
  (m) =>
    `count(${m}) AS ${m}_count, min(${m}) AS ${m}_min, max(${m}) AS ${m}_max, avg(${m}) AS ${m}_avg, ` +
    `quantileExact(0.5)(${m}) AS ${m}_p50, quantileExact(0.95)(${m}) AS ${m}_p95`,
).join(',\n       ');

const GRANULARITY = {
  hours: {
    table: 'telemetry_hourly',
    bucket: 'toStartOfHour(ts)',
    literal: (s: string) => ch.dateTime(new Date(`${s.replace(' ', 'T')}Z`)),
  },
  days: { table: 'telemetry_daily', bucket: 'toDate(ts)', literal: (s: string) => ch.date(s) },
} as const;

/**
 * Sensor ids per rollup statement: at 128 characters each (the longest a sensor id may be),
 * 1,000 of them stay well under ClickHouse's 256 KiB query size limit.
 */
const SENSORS_PER_STATEMENT = 1_000;

export class ClickHouseTelemetryStore implements TelemetryStore {
  constructor(private readonly client: ClickHouseClient) {}

  async writeReadings(rows: readonly ReadingRow[]): Promise<void> {
    if (rows.length === 0) return;
    await clickHouseCall(() =>
      this.client.insert({ table: 'telemetry_readings', format: 'JSONEachRow', values: [...rows] }),
    );
  }

  async recomputeRollups(
    buckets: { hours: readonly Bucket[]; days: readonly Bucket[] },
    version: number,
  ): Promise<void> {
    for (const granularity of ['hours', 'days'] as const) {
      const list = buckets[granularity];
      if (list.length === 0) continue;
      const { table, bucket, literal } = GRANULARITY[granularity];
      const bySensor = new Map<string, string[]>();
      for (const b of list) {
        const starts = bySensor.get(b.sensor_id);
        if (starts) starts.push(b.start);
        else bySensor.set(b.sensor_id, [b.start]);
      }
      const sensorIds = [...bySensor.keys()];
      // One statement per group of sensors: ClickHouse refuses a query text over max_query_size
      // (256 KiB), which one list of every sensor a busy flush touched can exceed.
      for (let i = 0; i < sensorIds.length; i += SENSORS_PER_STATEMENT) {
        const group = sensorIds.slice(i, i + SENSORS_PER_STATEMENT);
        const starts = [...new Set(group.flatMap((id) => bySensor.get(id) ?? []))];
        // Sensors × starts may cover a few buckets the batch did not touch; recomputing those
        // from the same data writes the same values, so the superset is harmless.
        await clickHouseCall(() =>
          this.client.command({
            query: ch.sql`INSERT INTO ${ch.table(table)}
            SELECT sensor_id, ${ch.raw(bucket)} AS bucket, count() AS readings,
                   ${ch.raw(AGGREGATES)},
                   ${ch.int(version)} AS computed_version
            FROM telemetry_readings FINAL
            WHERE sensor_id IN ${ch.tuple(group, ch.str)} AND ${ch.raw(bucket)} IN ${ch.tuple(starts, literal)}
            GROUP BY sensor_id, bucket`.text,
          }),
        );
      }
    }
  }
}
