import { chdbStoreDatabase } from '../testing/clickhouse-store.test-bed';
import { describeBankingStore } from './banking.store.cases';

// The same reads on the current ClickHouse engine (chDB 26.x), so SQL only 18.16 accepts fails.
describeBankingStore(
  "the gateway's banking reads on current ClickHouse (chDB)",
  chdbStoreDatabase('gateway_banking_conformance', ['datasets']),
);
