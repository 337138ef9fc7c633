import { clickHouseStoreDatabase } from '../testing/clickhouse-store.test-bed';
import { describeQualityStore } from './quality.store.cases';

describeQualityStore(
  'the quality report on ClickHouse 18.16',
  clickHouseStoreDatabase('gateway_quality', ['datasets', 'telemetry']),
);
