import { chdbStoreDatabase } from '../testing/clickhouse-store.test-bed';
import { describeEvSessionsStore } from './ev.store.cases';

// The same reads on the current ClickHouse engine (chDB 26.x), so SQL only 18.16 accepts fails.
describeEvSessionsStore(
  "the gateway's EV reads on current ClickHouse (chDB)",
  chdbStoreDatabase('gateway_ev_conformance', ['datasets']),
);
