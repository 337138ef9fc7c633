import { type ClickHouseClient } from '@clickhouse/client';
import {
  createLogger,
  readClickHouseMigrations,
  runClickHouseMigrations,
} from '@tributary/platform';
import { chdbClient } from '@tributary/testing';
import { describeQualityStore } from './quality.store.cases';
import { PROJECTOR_MIGRATION_FOLDERS } from './quality.test-data';

// The same report on the current ClickHouse engine (chDB 26.x), so SQL only 18.16 accepts fails,
// and a quantile or regex that reads differently there shows.
describeQualityStore('the quality report on current ClickHouse (chDB)', async () => {
  const chdb = await chdbClient();
  await chdb.command({ query: 'CREATE DATABASE quality_conformance' });
  await chdb.command({ query: 'USE quality_conformance' });
  // The store takes the @clickhouse/client type; chDB answers the subset of it the store calls.
  const client = chdb as unknown as ClickHouseClient;
  for (const folder of PROJECTOR_MIGRATION_FOLDERS)
    await runClickHouseMigrations(
      client,
      readClickHouseMigrations(folder),
      createLogger('conformance', 'warn'),
    );
  return { client, close: () => chdb.close() };
});
