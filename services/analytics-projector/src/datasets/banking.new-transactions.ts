import { type ClickHouseClient } from '@clickhouse/client';
import { ch, clickHouseCall } from '@tributary/platform';
import { type BankingTransactionRow } from './banking.projection';

type SqlFragment = ReturnType<typeof ch.raw>;

/**
 * banking_transactions feeds the materialized views of the daily and monthly rollups
 * (migrations/1006_banking_rollups.sql), and a view adds every row it is given: the table's
 * ReplacingMergeTree drops a second copy of an event only when parts merge (or under FINAL), the
 * rollup would count it forever. So a transaction is inserted only when its event id is not
 * stored yet.
 *
 * Checking and then inserting is safe because one writer at a time handles a client's events:
 * the topic is keyed by client_id (catalog), so a client's events are on one partition, consumed
 * by one member of the group, whose write-behind runs one insert of a table at a time. What it
 * does not cover: during a rebalance, the previous owner's last flush can overlap the new owner's
 * first one for a few hundred milliseconds; a transaction in both would be counted twice.
 */

/**
 * Characters of keys per statement: ClickHouse refuses a query over 256 KiB (max_query_size), and
 * a key holds a client id of any length.
 */
export const KEY_TEXT_PER_QUERY = 100_000;

/** One row per event id, the latest ingestion (what the table's ReplacingMergeTree would keep). */
export function latestPerEvent(rows: readonly BankingTransactionRow[]): BankingTransactionRow[] {
  const byEvent = new Map<string, BankingTransactionRow>();
  for (const row of rows) {
    const held = byEvent.get(row.event_id);
    // `YYYY-MM-DD hh:mm:ss` sorts as text; on a tie the later row wins, as in the table.
    if (!held || row.ingested_at >= held.ingested_at) byEvent.set(row.event_id, row);
  }
  return [...byEvent.values()];
}

const keyOf = (row: BankingTransactionRow): SqlFragment =>
  ch.sql`(${ch.str(row.client_id)}, ${ch.dateTime(new Date(`${row.transaction_date.replace(' ', 'T')}Z`))}, ${ch.str(row.event_id)})`;

/**
 * Statements that select the event ids of `rows` already in banking_transactions. The key tuple
 * alone would do; the client and date bounds are there so that 18.16, which does not use a tuple
 * IN for the primary key, still reads only the clients' ranges.
 */
export function storedEventsQueries(rows: readonly BankingTransactionRow[]): SqlFragment[] {
  const queries: SqlFragment[] = [];
  let batch: BankingTransactionRow[] = [];
  let batchText = 0;
  const close = () => {
    if (batch.length === 0) return;
    const dates = batch.map((row) => row.transaction_date).sort();
    const clients = [...new Set(batch.map((row) => row.client_id))];
    const at = (text: string) => ch.dateTime(new Date(`${text.replace(' ', 'T')}Z`));
    queries.push(
      ch.sql`SELECT event_id FROM banking_transactions
        WHERE client_id IN ${ch.tuple(clients, ch.str)}
          AND transaction_date >= ${at(dates[0]!)} AND transaction_date <= ${at(dates.at(-1)!)}
          AND (client_id, transaction_date, event_id) IN (${ch.join(batch.map(keyOf))})`,
    );
    batch = [];
    batchText = 0;
  };
  for (const row of rows) {
    const text = 2 * row.client_id.length + row.event_id.length + 80;
    if (batchText + text > KEY_TEXT_PER_QUERY) close();
    batch.push(row);
    batchText += text;
  }
  close();
  return queries;
}

/** `rows` without the events banking_transactions holds already, one row per event id. */
export async function newTransactionsOnly(
  client: ClickHouseClient,
  rows: readonly BankingTransactionRow[],
): Promise<BankingTransactionRow[]> {
  const latest = latestPerEvent(rows);
  const stored = new Set<string>();
  for (const query of storedEventsQueries(latest)) {
    const found = await clickHouseCall(async () => {
      const result = await client.query({ query: query.text, format: 'JSONEachRow' });
      return result.json<{ event_id: string }>();
    });
    for (const { event_id } of found) stored.add(event_id);
  }
  return stored.size === 0 ? latest : latest.filter((row) => !stored.has(row.event_id));
}
