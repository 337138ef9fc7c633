import { type ClickHouseClient } from '@clickhouse/client';
import { ch } from '@tributary/platform';
import { selectRows } from '../http/clickhouse-rows';
import {
  type EvSessionsStore,
  type Revenue,
  type SessionSpan,
  type StartGroup,
  type StoredTransaction,
  type TransactionFilter,
  type TransactionKey,
  type UsageFacts,
  type UsageWindow,
} from './ev.store';

type SqlFragment = ReturnType<typeof ch.raw>;

interface TransactionRow {
  event_id: string;
  transaction_id: string;
  user_id: string;
  charger_id: string;
  start_s: number;
  end_s: number | null;
  energy_kwh: number;
  cost: string | null;
  currency: string | null;
  first_name: string;
  last_name: string;
  email: string | null;
  user_found: number;
  charger_name: string;
  charger_city: string;
  charger_found: number;
}

const atSecond = (s: number) => ch.dateTime(new Date(s * 1000));

/**
 * A Decimal(18,4) as the engine printed it, with exactly four decimals: 18.16 prints trailing
 * zeros and current ClickHouse drops them, so the API would otherwise depend on the server.
 */
export function fourDecimals(text: string): string {
  const match = /^(-?\d+)(?:\.(\d{0,4}))?$/.exec(text);
  if (!match) throw new Error(`not a Decimal(18,4): ${JSON.stringify(text)}`);
  return `${match[1]}.${(match[2] ?? '').padEnd(4, '0')}`;
}

/**
 * Charging sessions from analytics-projector's `ev_transactions` (FINAL: a re-delivered row shows
 * once), joined with the `ev_users` and `ev_chargers` dimensions (FINAL: their latest version).
 * Written for 18.16: one `ANY LEFT JOIN (subquery) USING` per level, no query parameters.
 */
export class ClickHouseEvSessionsStore implements EvSessionsStore {
  constructor(private readonly client: ClickHouseClient) {}

  async transactions(
    filter: TransactionFilter,
    after: TransactionKey | undefined,
    limit: number,
  ): Promise<StoredTransaction[]> {
    const where: SqlFragment[] = [];
    if (filter.userId !== undefined) where.push(ch.sql`user_id = ${ch.str(filter.userId)}`);
    if (filter.chargerId !== undefined)
      where.push(ch.sql`charger_id = ${ch.str(filter.chargerId)}`);
    if (filter.city !== undefined)
      where.push(
        ch.sql`charger_id IN (SELECT charger_id FROM ev_chargers FINAL
          WHERE lowerUTF8(city) = lowerUTF8(${ch.str(filter.city)}))`,
      );
    if (filter.fromS !== undefined) where.push(ch.sql`start_time >= ${atSecond(filter.fromS)}`);
    if (filter.toS !== undefined) where.push(ch.sql`start_time < ${atSecond(filter.toS)}`);
    if (filter.energyMin !== undefined)
      where.push(ch.sql`energy_kwh >= ${ch.float(filter.energyMin)}`);
    if (filter.energyMax !== undefined)
      where.push(ch.sql`energy_kwh <= ${ch.float(filter.energyMax)}`);
    if (after) {
      const startTime = ch.dateTime(new Date(after.startTime));
      // The plain bound lets ClickHouse skip the newer monthly partitions; the tuple is the key.
      where.push(ch.sql`start_time <= ${startTime}`);
      where.push(ch.sql`(start_time, event_id) < (${startTime}, ${ch.str(after.eventId)})`);
    }
    // The page is cut first, so the joins only look up the users and chargers of its rows.
    const page = ch.sql`SELECT event_id, transaction_id, user_id, charger_id,
        toUnixTimestamp(start_time) AS start_s, toUnixTimestamp(end_time) AS end_s,
        energy_kwh, toString(cost) AS cost, currency
      FROM ev_transactions FINAL
      ${where.length > 0 ? ch.sql`WHERE ${ch.join(where, ' AND ')}` : ch.raw('')}
      ORDER BY start_time DESC, event_id DESC
      LIMIT ${ch.int(limit)}`;
    const query = ch.sql`SELECT event_id, transaction_id, user_id, charger_id, start_s, end_s,
        energy_kwh, cost, currency, first_name, last_name, email, user_found,
        charger_name, charger_city, charger_found
      FROM (
        SELECT event_id, transaction_id, user_id, charger_id, start_s, end_s, energy_kwh, cost,
          currency, first_name, last_name, email, user_found
        FROM (${page}) AS page
        ANY LEFT JOIN (
          SELECT user_id, first_name, last_name, email, toUInt8(1) AS user_found
          FROM ev_users FINAL
          WHERE user_id IN (SELECT user_id FROM (${page}))
        ) AS users USING user_id
      ) AS with_user
      ANY LEFT JOIN (
        SELECT charger_id, name AS charger_name, city AS charger_city, toUInt8(1) AS charger_found
        FROM ev_chargers FINAL
        WHERE charger_id IN (SELECT charger_id FROM (${page}))
      ) AS chargers USING charger_id
      ORDER BY start_s DESC, event_id DESC`;
    const rows = await selectRows<TransactionRow>(this.client, query);
    return rows.map((row) => ({
      event_id: row.event_id,
      transaction_id: row.transaction_id,
      user_id: row.user_id,
      charger_id: row.charger_id,
      start_ms: row.start_s * 1000,
      end_ms: row.end_s === null ? null : row.end_s * 1000,
      energy_kwh: row.energy_kwh,
      cost: row.cost === null ? null : fourDecimals(row.cost),
      currency: row.currency,
      user:
        row.user_found === 1
          ? { first_name: row.first_name, last_name: row.last_name, email: row.email }
          : null,
      charger: row.charger_found === 1 ? { name: row.charger_name, city: row.charger_city } : null,
    }));
  }

  async usage(window: UsageWindow): Promise<UsageFacts> {
    const sessions = ch.sql`charger_id = ${ch.str(window.chargerId)}
      AND start_time >= ${atSecond(window.fromS)} AND start_time < ${atSecond(window.toS)}`;
    const [groups, revenue, spans] = await Promise.all([
      selectRows<StartGroup>(
        this.client,
        ch.sql`SELECT toHour(start_time) AS hour, toDayOfWeek(start_time) AS weekday,
            count() AS sessions, sum(energy_kwh) AS energy_kwh,
            toUnixTimestamp(min(start_time)) AS first_s, toUnixTimestamp(max(start_time)) AS last_s
          FROM ev_transactions FINAL
          WHERE ${sessions}
          GROUP BY hour, weekday
          ORDER BY hour, weekday`,
      ),
      selectRows<Revenue>(
        this.client,
        ch.sql`SELECT currency, toString(sum(cost)) AS amount
          FROM ev_transactions FINAL
          WHERE ${sessions} AND cost IS NOT NULL
          GROUP BY currency
          ORDER BY currency`,
      ),
      selectRows<SessionSpan>(
        this.client,
        ch.sql`SELECT toUnixTimestamp(start_time) AS start_s,
            toUnixTimestamp(assumeNotNull(end_time)) AS end_s
          FROM ev_transactions FINAL
          WHERE ${sessions} AND end_time IS NOT NULL
          ORDER BY start_s, end_s`,
      ),
    ]);
    return {
      groups,
      revenue: revenue.map((r) => ({ currency: r.currency, amount: fourDecimals(r.amount) })),
      spans,
    };
  }

  async hasSessions(chargerId: string): Promise<boolean> {
    const rows = await selectRows<{ found: number }>(
      this.client,
      ch.sql`SELECT 1 AS found FROM ev_transactions WHERE charger_id = ${ch.str(chargerId)} LIMIT 1`,
    );
    return rows.length > 0;
  }
}
