import { type ClickHouseClient } from '@clickhouse/client';
import { ch } from '@tributary/platform';
import {
  type AlertFilter,
  type AlertKey,
  type AlertsStore,
  type StoredAlert,
} from './alerts.store';

type SqlFragment = ReturnType<typeof ch.raw>;

interface AlertRow {
  event_id: string;
  user_id: string;
  day: string;
  usage_kwh: number;
  threshold_kwh: number;
  usage_event_id: string;
  job_id: string;
  raised_s: number;
}

/** Reads `energy_alerts` with FINAL: an alert re-raised by a replay shows once. */
export class ClickHouseAlertsStore implements AlertsStore {
  constructor(private readonly client: ClickHouseClient) {}

  async list(
    filter: AlertFilter,
    after: AlertKey | undefined,
    limit: number,
  ): Promise<StoredAlert[]> {
    const where: SqlFragment[] = [];
    if (filter.userId !== undefined) where.push(ch.sql`user_id = ${ch.str(filter.userId)}`);
    if (filter.jobId !== undefined) where.push(ch.sql`job_id = ${ch.str(filter.jobId)}`);
    if (filter.from !== undefined) where.push(ch.sql`date >= ${ch.date(filter.from)}`);
    if (filter.to !== undefined) where.push(ch.sql`date < ${ch.date(filter.to)}`);
    if (after)
      where.push(
        ch.sql`(date, user_id, event_id) < (${ch.date(after.date)}, ${ch.str(after.userId)}, ${ch.str(after.eventId)})`,
      );
    const query = ch.sql`SELECT event_id, user_id, toString(date) AS day, usage_kwh, threshold_kwh,
             usage_event_id, job_id, toUnixTimestamp(raised_at) AS raised_s
      FROM energy_alerts FINAL
      ${where.length > 0 ? ch.sql`WHERE ${ch.join(where, ' AND ')}` : ch.raw('')}
      ORDER BY date DESC, user_id DESC, event_id DESC
      LIMIT ${ch.int(limit)}`;
    const result = await this.client.query({
      query: query.text,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    const rows = await result.json<AlertRow>();
    return rows.map((row) => ({
      event_id: row.event_id,
      user_id: row.user_id,
      date: row.day,
      usage_kwh: row.usage_kwh,
      threshold_kwh: row.threshold_kwh,
      usage_event_id: row.usage_event_id,
      job_id: row.job_id,
      raised_at: new Date(row.raised_s * 1000),
    }));
  }
}
