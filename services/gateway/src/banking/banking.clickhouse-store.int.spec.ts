import { clickHouseStoreDatabase } from '../testing/clickhouse-store.test-bed';
import { describeBankingStore } from './banking.store.cases';

describeBankingStore(
  "the gateway's banking reads on ClickHouse 18.16",
  clickHouseStoreDatabase('gateway_banking', ['datasets']),
);
