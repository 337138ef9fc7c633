import { chdbStoreDatabase } from '../testing/clickhouse-store.test-bed';
import { describeReadingsStore } from './readings.store.cases';

// The same reads on the current ClickHouse engine (chDB 26.x), so SQL only 18.16 accepts fails.
describeReadingsStore(
  "the gateway's telemetry reads on current ClickHouse (chDB)",
  chdbStoreDatabase('gateway_conformance', ['telemetry']),
);
