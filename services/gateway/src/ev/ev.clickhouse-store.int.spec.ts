import { clickHouseStoreDatabase } from '../testing/clickhouse-store.test-bed';
import { describeEvSessionsStore } from './ev.store.cases';

describeEvSessionsStore(
  "the gateway's EV reads on ClickHouse 18.16",
  clickHouseStoreDatabase('gateway_ev_reads', ['datasets']),
);
