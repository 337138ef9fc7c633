import { DATASET_DECLARATIONS, type TributaryBanking } from '@tributary/contracts';
import { declaredRow } from './declared-projection';
import { type ExactNumber, type Provenance } from '../row-values';

/**
 * A row of banking_transactions, as its declared projection writes it (declared-projection.ts),
 * typed for the rollups, which read its fields. The rollup tests insert these rows into the real
 * table, so a field renamed in the declaration or the migration fails them.
 */
export interface BankingTransactionRow extends Provenance {
  transaction_id: string;
  client_id: string;
  transaction_type: string;
  transaction_date: string;
  amount: ExactNumber;
  currency: string;
}

export const bankingTransactionRow = declaredRow<TributaryBanking.TransactionRecorded>(
  DATASET_DECLARATIONS['banking.transactions'],
) as unknown as (event: TributaryBanking.TransactionRecorded) => BankingTransactionRow;
