import { type TributaryBanking } from '@tributary/contracts';
import {
  dateTime,
  dimensionProvenance,
  money,
  nullableDateTime,
  provenance,
  type DimensionProvenance,
  type ExactNumber,
  type Provenance,
} from './row-values';

/** A row of banking_clients, as JSONEachRow sends it. */
export interface BankingClientRow extends DimensionProvenance {
  client_id: string;
  name: string;
  email: string | null;
  country: string | null;
  created_at: string | null;
}

export function bankingClientRow(event: TributaryBanking.ClientUpserted): BankingClientRow {
  return {
    client_id: event.client_id,
    name: event.name,
    email: event.email,
    country: event.country,
    created_at: nullableDateTime('created_at', event.created_at),
    ...dimensionProvenance(event.metadata),
  };
}

/** A row of banking_transactions. */
export interface BankingTransactionRow extends Provenance {
  transaction_id: string;
  client_id: string;
  transaction_type: string;
  transaction_date: string;
  amount: ExactNumber;
  currency: string;
}

export function bankingTransactionRow(
  event: TributaryBanking.TransactionRecorded,
): BankingTransactionRow {
  return {
    transaction_id: event.transaction_id,
    client_id: event.client_id,
    transaction_type: event.transaction_type,
    transaction_date: dateTime('transaction_date', event.transaction_date),
    amount: money('amount', event.amount),
    currency: event.currency,
    ...provenance(event.metadata),
  };
}
