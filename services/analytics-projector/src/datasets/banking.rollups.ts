import { ch } from '@tributary/platform';
import { bankingDailyRecomputation, bankingMonthlyRecomputation } from '@tributary/read-models';
import { type BankingTransactionRow } from './banking.projection';

/**
 * The daily and monthly bank rollups are recomputed, not counted (migration
 * 1007_banking_rollups_recomputed.sql; the statements are read-models' banking-rollups.ts):
 * after inserting transactions, the projector writes the rollup rows of the clients and days it
 * touched from banking_transactions FINAL, then those clients' months from their days. A replay,
 * a redelivered chunk or two group members flushing the same client at once (a rebalance) only
 * write the same rows again; of two writers, the later statement (the higher
 * `computed_version`) read everything the earlier one did.
 */

/**
 * Characters of client ids per statement: ClickHouse refuses a query over 256 KiB
 * (max_query_size), and a client id may be of any length.
 */
export const CLIENT_TEXT_PER_STATEMENT = 100_000;

/** The text of a statement writing rollup rows, given the version it writes them with. */
export type RollupStatement = (version: number) => string;

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/**
 * The statements that bring the rollups up to date with `rows` (one insert's transactions):
 * per batch of clients, their days from the first to the last day the rows touch, then their
 * months over the same span. Days of those clients in that span that no row touched are written
 * again as they were: that costs their reading, never their correctness, and a flush's rows span
 * a few days for live data and the file's range for a backfill.
 */
export function rollupStatements(rows: readonly BankingTransactionRow[]): RollupStatement[] {
  if (rows.length === 0) return [];
  let first = rows[0]!.transaction_date.slice(0, 10);
  let last = first;
  for (const row of rows) {
    const day = row.transaction_date.slice(0, 10);
    if (day < first) first = day;
    if (day > last) last = day;
  }
  const statements: RollupStatement[] = [];
  for (const clients of clientBatches(rows)) {
    const who = ch.sql`client_id IN ${ch.tuple(clients, ch.str)}`;
    const days = ch.sql`${who}
      AND transaction_date >= ${ch.dateTime(new Date(`${first}T00:00:00Z`))}
      AND transaction_date <= ${ch.dateTime(new Date(`${last}T23:59:59Z`))}`.text;
    const months = ch.sql`${who}
      AND toStartOfMonth(day) >= ${ch.date(monthOf(first))}
      AND toStartOfMonth(day) <= ${ch.date(monthOf(last))}`.text;
    statements.push(
      (version) => bankingDailyRecomputation(days, version),
      (version) => bankingMonthlyRecomputation(months, version),
    );
  }
  return statements;
}

/** The rows' distinct clients, in batches of at most `CLIENT_TEXT_PER_STATEMENT` characters. */
function clientBatches(rows: readonly BankingTransactionRow[]): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let text = 0;
  for (const client of new Set(rows.map((row) => row.client_id))) {
    // A quoted, escaped id and its separator: at most twice its length, plus four.
    const size = 2 * client.length + 4;
    if (batch.length > 0 && text + size > CLIENT_TEXT_PER_STATEMENT) {
      batches.push(batch);
      batch = [];
      text = 0;
    }
    batch.push(client);
    text += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
