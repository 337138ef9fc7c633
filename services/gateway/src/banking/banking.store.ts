import { TributaryBanking } from '@tributary/contracts';

/** The transaction types of the contract (the Avro enum `tributary.banking.TransactionType`). */
export const TRANSACTION_TYPES = (
  JSON.parse(TributaryBanking.TransactionTypeSchema) as { symbols: TransactionType[] }
).symbols;
export type TransactionType = TributaryBanking.TransactionType;

/**
 * Which way each type moves the client's money: the enum's own doc says deposit and interest
 * bring money in, withdrawal moves cash out, transfer and payment send money to another party,
 * and fee is charged by the bank. Sources sign amounts differently (some book a withdrawal as
 * -250, others as 250), so totals take each amount's magnitude in its type's direction.
 */
export const DIRECTION: Record<TransactionType, 'credit' | 'debit'> = {
  deposit: 'credit',
  interest: 'credit',
  withdrawal: 'debit',
  transfer: 'debit',
  payment: 'debit',
  fee: 'debit',
};

/** A bank client from the directory (Postgres `directory.banking_clients`). */
export interface StoredClient {
  client_id: string;
  name: string;
  email: string | null;
  country: string | null;
  created_at: Date | null;
}

/** Prefixes match case-insensitively; country exactly (upper case). */
export interface ClientFilter {
  clientIdPrefix?: string;
  namePrefix?: string;
  emailPrefix?: string;
  country?: string;
}

export interface BankingDirectoryStore {
  /** Ordered by client_id, after `afterClientId`. */
  clients(
    filter: ClientFilter,
    afterClientId: string | undefined,
    limit: number,
  ): Promise<StoredClient[]>;
  hasClient(clientId: string): Promise<boolean>;
}

/** A row of `banking_transactions`; the amount is its exact text with 4 decimals. */
export interface StoredTransaction {
  event_id: string;
  transaction_id: string;
  client_id: string;
  transaction_type: string;
  /** `YYYY-MM-DD hh:mm:ss`, UTC. */
  transaction_date: string;
  amount: string;
  currency: string;
}

/** Booking days, both inclusive. */
export interface TransactionFilter {
  from?: string;
  to?: string;
  type?: TransactionType;
}

/** Oldest first: the keyset `(transaction_date, event_id)` ascending, within one client. */
export interface TransactionKey {
  date: string;
  eventId: string;
}

/** A currency's totals over the whole filtered range; amounts exact, 4 decimals. */
export interface CurrencyTotals {
  currency: string;
  count: number;
  credits: string;
  debits: string;
  /** credits − debits */
  amount: string;
}

/** Which rollup: `banking_daily` per day, or `banking_monthly` per calendar month. */
export type RollupPeriod = 'day' | 'month';

/**
 * Booking days, both inclusive (for months, the months those days fall in), and optionally one
 * type and one currency.
 */
export interface RollupFilter extends TransactionFilter {
  currency?: string;
}

/** Oldest first: the keyset `(period, currency)` ascending; a month is its first day. */
export interface RollupKey {
  period: string;
  currency: string;
}

/** One period and currency of the rollup; `period` is the day, or the month's first day. */
export interface PeriodTotals extends CurrencyTotals {
  /** `YYYY-MM-DD` */
  period: string;
}

export interface BankingTransactionsStore {
  transactions(
    clientId: string,
    filter: TransactionFilter,
    after: TransactionKey | undefined,
    limit: number,
  ): Promise<StoredTransaction[]>;
  /** Per currency, ordered by currency, from the daily rollup. */
  totals(clientId: string, filter: TransactionFilter): Promise<CurrencyTotals[]>;
  /** Per period and currency, ordered by `(period, currency)`, after `after`. */
  rollup(
    clientId: string,
    period: RollupPeriod,
    filter: RollupFilter,
    after: RollupKey | undefined,
    limit: number,
  ): Promise<PeriodTotals[]>;
  hasTransactions(clientId: string): Promise<boolean>;
}

export const BANKING_DIRECTORY_STORE = Symbol('BANKING_DIRECTORY_STORE');
export const BANKING_TRANSACTIONS_STORE = Symbol('BANKING_TRANSACTIONS_STORE');
