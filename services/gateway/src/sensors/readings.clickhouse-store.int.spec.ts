import { clickHouseStoreDatabase } from '../testing/clickhouse-store.test-bed';
import { describeReadingsStore } from './readings.store.cases';

describeReadingsStore(
  "the gateway's telemetry reads on ClickHouse 18.16",
  clickHouseStoreDatabase('gateway_reads', ['telemetry']),
);
