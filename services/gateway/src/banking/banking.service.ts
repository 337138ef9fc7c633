import { Inject, Injectable } from '@nestjs/common';
import { type Page } from '../http/page';
import { ProblemException } from '../http/problem';
import { cursorKey, isStorableDay, pageOf, stringKey } from '../http/query-params';
import {
  type ClientView,
  type DailyRollupView,
  type ListClientsQuery,
  type ListRollupQuery,
  type MonthlyRollupView,
  type ListTransactionsQuery,
  type TransactionPage,
  type TransactionView,
} from './banking.dto';
import {
  BANKING_DIRECTORY_STORE,
  BANKING_TRANSACTIONS_STORE,
  DIRECTION,
  type BankingDirectoryStore,
  type BankingTransactionsStore,
  type PeriodTotals,
  type RollupKey,
  type RollupPeriod,
  type StoredClient,
  type StoredTransaction,
  type TransactionKey,
  type TransactionType,
} from './banking.store';

const isClientKey = stringKey<{ clientId: string }>('clientId');
const isTransactionKey = stringKey<TransactionKey>('date', 'eventId');
const isRollupKey = (k: unknown): k is RollupKey =>
  stringKey<RollupKey>('period', 'currency')(k) && isStorableDay(k.period);

export const toClientView = (client: StoredClient): ClientView => ({
  client_id: client.client_id,
  name: client.name,
  email: client.email,
  country: client.country,
  created_at: client.created_at === null ? null : new Date(client.created_at).toISOString(),
});

export const toTransactionView = (row: StoredTransaction): TransactionView => ({
  transaction_id: row.transaction_id,
  client_id: row.client_id,
  transaction_type: row.transaction_type as TransactionType,
  direction: DIRECTION[row.transaction_type as TransactionType] ?? 'debit',
  transaction_date: `${row.transaction_date.replace(' ', 'T')}Z`,
  amount: row.amount,
  currency: row.currency,
});

const sumsOf = (row: PeriodTotals) => ({
  currency: row.currency,
  transactions: row.count,
  credits: row.credits,
  debits: row.debits,
  amount: row.amount,
});
export const toDailyView = (row: PeriodTotals): DailyRollupView => ({
  date: row.period,
  ...sumsOf(row),
});
export const toMonthlyView = (row: PeriodTotals): MonthlyRollupView => ({
  month: row.period.slice(0, 7),
  ...sumsOf(row),
});

@Injectable()
export class BankingService {
  constructor(
    @Inject(BANKING_DIRECTORY_STORE) private readonly directory: BankingDirectoryStore,
    @Inject(BANKING_TRANSACTIONS_STORE) private readonly facts: BankingTransactionsStore,
  ) {}

  async clients(query: ListClientsQuery): Promise<Page<ClientView>> {
    const { limit = 100, cursor, ...filters } = query;
    const after = cursorKey(cursor, filters, isClientKey);
    const rows = await this.directory.clients(
      {
        ...(filters.client_id !== undefined ? { clientIdPrefix: filters.client_id } : {}),
        ...(filters.name !== undefined ? { namePrefix: filters.name } : {}),
        ...(filters.email !== undefined ? { emailPrefix: filters.email } : {}),
        ...(filters.country !== undefined ? { country: filters.country } : {}),
      },
      after?.clientId,
      limit + 1,
    );
    return pageOf(rows, limit, filters, (row) => ({ clientId: row.client_id }), toClientView);
  }

  async transactions(clientId: string, query: ListTransactionsQuery): Promise<TransactionPage> {
    const { limit = 100, cursor, ...filters } = query;
    const after = cursorKey(cursor, { clientId, ...filters }, isTransactionKey);
    const filter = {
      ...(filters.start_date !== undefined ? { from: filters.start_date } : {}),
      ...(filters.end_date !== undefined ? { to: filters.end_date } : {}),
      ...(filters.type !== undefined ? { type: filters.type } : {}),
    };
    const [rows, totals] = await Promise.all([
      this.facts.transactions(clientId, filter, after, limit + 1),
      this.facts.totals(clientId, filter),
    ]);
    if (rows.length === 0 && totals.length === 0 && !after) await this.mustExist(clientId);
    const page = pageOf(
      rows,
      limit,
      { clientId, ...filters },
      (row) => ({ date: row.transaction_date, eventId: row.event_id }),
      toTransactionView,
    );
    return { ...page, totals };
  }

  daily(clientId: string, query: ListRollupQuery): Promise<Page<DailyRollupView>> {
    return this.rollup(clientId, 'day', query, toDailyView);
  }

  monthly(clientId: string, query: ListRollupQuery): Promise<Page<MonthlyRollupView>> {
    return this.rollup(clientId, 'month', query, toMonthlyView);
  }

  private async rollup<V>(
    clientId: string,
    period: RollupPeriod,
    query: ListRollupQuery,
    view: (row: PeriodTotals) => V,
  ): Promise<Page<V>> {
    const { limit = 100, cursor, ...filters } = query;
    // The cursor is bound to the rollup too: a daily cursor is refused by the monthly route.
    const bound = { clientId, period, ...filters };
    const after = cursorKey(cursor, bound, isRollupKey);
    const rows = await this.facts.rollup(
      clientId,
      period,
      {
        ...(filters.start_date !== undefined ? { from: filters.start_date } : {}),
        ...(filters.end_date !== undefined ? { to: filters.end_date } : {}),
        ...(filters.type !== undefined ? { type: filters.type } : {}),
        ...(filters.currency !== undefined ? { currency: filters.currency } : {}),
      },
      after,
      limit + 1,
    );
    if (rows.length === 0 && !after) await this.mustExist(clientId);
    return pageOf(
      rows,
      limit,
      bound,
      (row) => ({ period: row.period, currency: row.currency }),
      view,
    );
  }

  /** 404 unless the client is in the directory or named by a transaction. */
  private async mustExist(clientId: string): Promise<void> {
    const [known, booked] = await Promise.all([
      this.directory.hasClient(clientId),
      this.facts.hasTransactions(clientId),
    ]);
    if (!known && !booked)
      throw new ProblemException(
        'not-found',
        `no bank client ${JSON.stringify(clientId)}: the directory does not know it and no transaction names it`,
      );
  }
}
