import { type ClickHouseClient } from '@clickhouse/client';
import { ch } from '@tributary/platform';
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

export class ClickHouseTelemetryStore implements TelemetryStore {
  constructor(private readonly client: ClickHouseClient) {}

  async writeReadings(rows: readonly ReadingRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({
      table: 'telemetry_readings',
      format: 'JSONEachRow',
      values: [...rows],
    });
  }

  async recomputeRollups(
    buckets: { hours: readonly Bucket[]; days: readonly Bucket[] },
    version: number,
  ): Promise<void> {
    for (const granularity of ['hours', 'days'] as const) {
      const list = buckets[granularity];
      if (list.length === 0) continue;
      const { table, bucket, literal } = GRANULARITY[granularity];
      const sensors = ch.tuple([...new Set(list.map((b) => b.sensor_id))], ch.str);
      const starts = ch.tuple([...new Set(list.map((b) => b.start))], literal);
      // Sensors × starts may cover a few buckets the batch did not touch; recomputing those from
      // the same data writes the same values, so the superset is harmless and one query is enough.
      await this.client.command({
        query: ch.sql`INSERT INTO ${ch.table(table)}
          SELECT sensor_id, ${ch.raw(bucket)} AS bucket, count() AS readings,
                 ${ch.raw(AGGREGATES)},
                 ${ch.int(version)} AS computed_version
          FROM telemetry_readings FINAL
          WHERE sensor_id IN ${sensors} AND ${ch.raw(bucket)} IN ${starts}
          GROUP BY sensor_id, bucket`.text,
      });
    }
  }
}
