import { type ClickHouseClient } from '@clickhouse/client';
import { ch } from '@tributary/platform';
import { selectRows } from '../http/clickhouse-rows';
import {
  DIRECTION,
  TRANSACTION_TYPES,
  type BankingTransactionsStore,
  type CurrencyTotals,
  type PeriodTotals,
  type RollupFilter,
  type RollupKey,
  type RollupPeriod,
  type StoredTransaction,
  type TransactionFilter,
  type TransactionKey,
} from './banking.store';

type SqlFragment = ReturnType<typeof ch.raw>;

/**
 * A Decimal as the engine printed it, with exactly four decimals: 18.16 prints trailing zeros
 * and current ClickHouse drops them, so the API would otherwise depend on the server.
 */
export function fourDecimals(text: string): string {
  const match = /^(-?\d+)(?:\.(\d{0,4}))?$/.exec(text);
  if (!match) throw new Error(`not a Decimal(…, 4): ${JSON.stringify(text)}`);
  return `${match[1]}.${(match[2] ?? '').padEnd(4, '0')}`;
}

const CREDIT_TYPES = TRANSACTION_TYPES.filter((type) => DIRECTION[type] === 'credit');
const DEBIT_TYPES = TRANSACTION_TYPES.filter((type) => DIRECTION[type] === 'debit');

/** The last day a Date holds whose next day is still a DateTime literal `ch` writes. */
const LAST_DAY = '2105-12-31';

const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

interface TransactionRow {
  event_id: string;
  transaction_id: string;
  client_id: string;
  transaction_type: string;
  booked: string;
  amount_text: string;
  currency: string;
}

interface TotalsRow {
  currency: string;
  n: number;
  credits: string;
  debits: string;
  net: string;
}

const CREDITS = ch.sql`sumIf(abs_amount_sum, transaction_type IN ${ch.tuple(CREDIT_TYPES, ch.str)})`;
const DEBITS = ch.sql`sumIf(abs_amount_sum, transaction_type IN ${ch.tuple(DEBIT_TYPES, ch.str)})`;
/** The columns of a TotalsRow but the currency: credits and debits by the type's direction. */
const SUMS = ch.sql`sum(transactions) AS n, toString(${CREDITS}) AS credits,
  toString(${DEBITS}) AS debits, toString(${CREDITS} - ${DEBITS}) AS net`;

const toTotals = (row: TotalsRow): CurrencyTotals => ({
  currency: row.currency,
  count: row.n,
  credits: fourDecimals(row.credits),
  debits: fourDecimals(row.debits),
  amount: fourDecimals(row.net),
});

/** The two rollups; a month is keyed by its first day. */
const ROLLUPS: Record<RollupPeriod, { table: SqlFragment; column: SqlFragment }> = {
  day: { table: ch.raw('banking_daily'), column: ch.raw('day') },
  month: { table: ch.raw('banking_monthly'), column: ch.raw('month') },
};

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/** A client's rows of a rollup within inclusive days (for months, the months they fall in). */
function rollupWhere(clientId: string, period: RollupPeriod, filter: RollupFilter): SqlFragment[] {
  const { column } = ROLLUPS[period];
  const bound = (day: string) => ch.date(period === 'month' ? monthOf(day) : day);
  const where: SqlFragment[] = [ch.sql`client_id = ${ch.str(clientId)}`];
  if (filter.from !== undefined) where.push(ch.sql`${column} >= ${bound(filter.from)}`);
  if (filter.to !== undefined) where.push(ch.sql`${column} <= ${bound(filter.to)}`);
  if (filter.type !== undefined) where.push(ch.sql`transaction_type = ${ch.str(filter.type)}`);
  if (filter.currency !== undefined) where.push(ch.sql`currency = ${ch.str(filter.currency)}`);
  return where;
}

/**
 * A client's transactions from analytics-projector's `banking_transactions` (FINAL: a row stored
 * twice shows once), their totals and per-period sums from the `banking_daily` and
 * `banking_monthly` rollups, which the projector recomputes from the transactions (FINAL keeps
 * each key's latest recomputation; the sums then add the days or months asked for).
 */
export class ClickHouseBankingTransactionsStore implements BankingTransactionsStore {
  constructor(private readonly client: ClickHouseClient) {}

  async transactions(
    clientId: string,
    filter: TransactionFilter,
    after: TransactionKey | undefined,
    limit: number,
  ): Promise<StoredTransaction[]> {
    const where: SqlFragment[] = [ch.sql`client_id = ${ch.str(clientId)}`];
    if (filter.from !== undefined)
      where.push(ch.sql`transaction_date >= ${ch.dateTime(new Date(`${filter.from}T00:00:00Z`))}`);
    // Days are inclusive: before the next day's midnight (no bound past the last storable day).
    if (filter.to !== undefined && filter.to < LAST_DAY)
      where.push(
        ch.sql`transaction_date < ${ch.dateTime(new Date(`${nextDay(filter.to)}T00:00:00Z`))}`,
      );
    if (filter.type !== undefined) where.push(ch.sql`transaction_type = ${ch.str(filter.type)}`);
    if (after)
      where.push(
        ch.sql`(transaction_date, event_id) > (${ch.dateTime(new Date(`${after.date.replace(' ', 'T')}Z`))}, ${ch.str(after.eventId)})`,
      );
    const rows = await selectRows<TransactionRow>(
      this.client,
      ch.sql`SELECT event_id, transaction_id, client_id, transaction_type,
               toString(transaction_date) AS booked, toString(amount) AS amount_text, currency
        FROM banking_transactions FINAL
        WHERE ${ch.join(where, ' AND ')}
        ORDER BY transaction_date, event_id
        LIMIT ${ch.int(limit)}`,
    );
    return rows.map((row) => ({
      event_id: row.event_id,
      transaction_id: row.transaction_id,
      client_id: row.client_id,
      transaction_type: row.transaction_type,
      transaction_date: row.booked,
      amount: fourDecimals(row.amount_text),
      currency: row.currency,
    }));
  }

  async totals(clientId: string, filter: TransactionFilter): Promise<CurrencyTotals[]> {
    const rows = await selectRows<TotalsRow>(
      this.client,
      ch.sql`SELECT currency, ${SUMS}
        FROM banking_daily FINAL
        WHERE ${ch.join(rollupWhere(clientId, 'day', filter), ' AND ')}
        GROUP BY currency
        HAVING n > 0
        ORDER BY currency`,
    );
    return rows.map(toTotals);
  }

  async rollup(
    clientId: string,
    period: RollupPeriod,
    filter: RollupFilter,
    after: RollupKey | undefined,
    limit: number,
  ): Promise<PeriodTotals[]> {
    const { table, column } = ROLLUPS[period];
    const where = rollupWhere(clientId, period, filter);
    if (after)
      where.push(
        ch.sql`(${column}, currency) > (${ch.date(after.period)}, ${ch.str(after.currency)})`,
      );
    const rows = await selectRows<TotalsRow & { period: string }>(
      this.client,
      ch.sql`SELECT toString(${column}) AS period, currency, ${SUMS}
        FROM ${table} FINAL
        WHERE ${ch.join(where, ' AND ')}
        GROUP BY ${column}, currency
        HAVING n > 0
        ORDER BY ${column}, currency
        LIMIT ${ch.int(limit)}`,
    );
    return rows.map((row) => ({ period: row.period, ...toTotals(row) }));
  }

  async hasTransactions(clientId: string): Promise<boolean> {
    const rows = await selectRows<{ found: number }>(
      this.client,
      ch.sql`SELECT 1 AS found FROM banking_transactions WHERE client_id = ${ch.str(clientId)} LIMIT 1`,
    );
    return rows.length > 0;
  }
}
