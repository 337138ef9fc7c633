import { chdbStoreDatabase } from '../testing/clickhouse-store.test-bed';
import { describeSalesStore } from './sales.store.cases';

// The same reads on the current ClickHouse engine (chDB 26.x), so SQL only 18.16 accepts fails.
describeSalesStore(
  "the gateway's retail reads on current ClickHouse (chDB)",
  chdbStoreDatabase('gateway_retail_conformance', ['datasets']),
);
