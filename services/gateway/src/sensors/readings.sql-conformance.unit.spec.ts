import { type ClickHouseClient } from '@clickhouse/client';
import {
  createLogger,
  readClickHouseMigrations,
  runClickHouseMigrations,
} from '@tributary/platform';
import { chdbClient } from '@tributary/testing';
import { describeReadingsStore } from './readings.store.cases';
import { PROJECTOR_MIGRATIONS } from './readings.test-data';

// The same reads on the current ClickHouse engine (chDB 26.x), so SQL only 18.16 accepts fails.
describeReadingsStore("the gateway's telemetry reads on current ClickHouse (chDB)", async () => {
  const chdb = await chdbClient();
  await chdb.command({ query: 'CREATE DATABASE gateway_conformance' });
  await chdb.command({ query: 'USE gateway_conformance' });
  // The store takes the @clickhouse/client type; chDB answers the subset of it the store calls.
  const client = chdb as unknown as ClickHouseClient;
  await runClickHouseMigrations(
    client,
    readClickHouseMigrations(PROJECTOR_MIGRATIONS),
    createLogger('conformance', 'warn'),
  );
  return { client, close: () => chdb.close() };
});
