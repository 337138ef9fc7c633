import { clickHouseStoreDatabase } from '../testing/clickhouse-store.test-bed';
import { describeSalesStore } from './sales.store.cases';

describeSalesStore(
  "the gateway's retail reads on ClickHouse 18.16",
  clickHouseStoreDatabase('gateway_retail', ['datasets']),
);
