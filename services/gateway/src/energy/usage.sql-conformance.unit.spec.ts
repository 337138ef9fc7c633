import { chdbStoreDatabase } from '../testing/clickhouse-store.test-bed';
import { describeUsageStore } from './usage.store.cases';

// The same reads on the current ClickHouse engine (chDB 26.x), so SQL only 18.16 accepts fails.
describeUsageStore(
  "the gateway's energy usage reads on current ClickHouse (chDB)",
  chdbStoreDatabase('gateway_usage_conformance', ['datasets']),
);
