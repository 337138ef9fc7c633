import { type ClickHouseClient } from '@clickhouse/client';
import {
  createLogger,
  readClickHouseMigrations,
  runClickHouseMigrations,
} from '@tributary/platform';
import { chdbClient } from '@tributary/testing';
import { DATASET_MIGRATIONS, describeBankingStore } from './banking.store.cases';

// The same reads on the current ClickHouse engine (chDB 26.x), so SQL only 18.16 accepts fails.
describeBankingStore("the gateway's banking reads on current ClickHouse (chDB)", async () => {
  const chdb = await chdbClient();
  await chdb.command({ query: 'CREATE DATABASE gateway_banking_conformance' });
  await chdb.command({ query: 'USE gateway_banking_conformance' });
  // The store takes the @clickhouse/client type; chDB answers the subset of it the store calls.
  const client = chdb as unknown as ClickHouseClient;
  await runClickHouseMigrations(
    client,
    readClickHouseMigrations(DATASET_MIGRATIONS),
    createLogger('conformance', 'warn'),
  );
  return { client, close: () => chdb.close() };
});
