import { clickHouseStoreDatabase } from '../testing/clickhouse-store.test-bed';
import { describeUsageStore } from './usage.store.cases';

describeUsageStore(
  "the gateway's energy usage reads on ClickHouse 18.16",
  clickHouseStoreDatabase('gateway_usage', ['datasets']),
);
