import { chdbStoreDatabase } from '../testing/clickhouse-store.test-bed';
import { describeQualityStore } from './quality.store.cases';

// The same report on the current ClickHouse engine (chDB 26.x), so SQL only 18.16 accepts fails,
// and a quantile or regex that reads differently there shows.
describeQualityStore(
  'the quality report on current ClickHouse (chDB)',
  chdbStoreDatabase('quality_conformance', ['datasets', 'telemetry']),
);
