import { type ClickHouseClient } from '@clickhouse/client';
import { ch } from '@tributary/platform';
import { selectRows } from '../http/clickhouse-rows';
import { type StoredUsage, type UsageFilter, type UsageKey, type UsageStore } from './usage.store';

type SqlFragment = ReturnType<typeof ch.raw>;

/** The bucket a day falls in, by granularity; the key is grouped and compared on it. */
const BUCKET = {
  day: { expression: ch.raw('date'), start: (period: string) => period },
  month: { expression: ch.raw('toStartOfMonth(date)'), start: (period: string) => `${period}-01` },
} as const;

/**
 * Reads `energy_usage` with FINAL (a row delivered twice counts once) and sums it per user and
 * day or month. Negative usage is summed as it is (the quality report lists it). The sum of
 * Float64 is rounded to 4 places so it does not show binary noise (the files carry 2 or 3).
 */
export class ClickHouseUsageStore implements UsageStore {
  constructor(private readonly client: ClickHouseClient) {}

  async list(
    filter: UsageFilter,
    after: UsageKey | undefined,
    limit: number,
  ): Promise<StoredUsage[]> {
    const bucket = BUCKET[filter.granularity];
    const conditions: SqlFragment[] = [];
    if (filter.userId !== undefined) conditions.push(ch.sql`user_id = ${ch.str(filter.userId)}`);
    if (filter.from !== undefined) conditions.push(ch.sql`date >= ${ch.date(filter.from)}`);
    if (filter.to !== undefined) conditions.push(ch.sql`date < ${ch.date(filter.to)}`);
    if (after)
      conditions.push(
        ch.sql`(user_id, ${bucket.expression}) > (${ch.str(after.userId)}, ${ch.date(bucket.start(after.period))})`,
      );
    const rows = await selectRows<{
      user_id: string;
      bucket_day: string;
      total_kwh: number;
      records: number;
    }>(
      this.client,
      ch.sql`SELECT user_id, ${bucket.expression} AS bucket, toString(bucket) AS bucket_day,
               round(sum(usage_kwh), 4) AS total_kwh, count() AS records
        FROM energy_usage FINAL
        ${conditions.length > 0 ? ch.sql`WHERE ${ch.join(conditions, ' AND ')}` : ch.raw('')}
        GROUP BY user_id, bucket
        ORDER BY user_id, bucket
        LIMIT ${ch.int(limit)}`,
    );
    return rows.map((row) => ({
      user_id: row.user_id,
      period: filter.granularity === 'day' ? row.bucket_day : row.bucket_day.slice(0, 7),
      usage_kwh: row.total_kwh,
      records: row.records,
    }));
  }
}
