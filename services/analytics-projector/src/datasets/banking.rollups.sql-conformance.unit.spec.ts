import { type ClickHouseClient } from '@clickhouse/client';
import {
  createLogger,
  readClickHouseMigrations,
  runClickHouseMigrations,
} from '@tributary/platform';
import { chdbClient } from '@tributary/testing';
import { describeBankingRollups } from './banking.rollups.cases';
import { DATASET_MIGRATIONS } from './datasets.projector';

// The rollup migrations, the recomputing statements and the rollup reads on the current
// ClickHouse engine (chDB 26.x), held to the answers 18.16 gives in banking.rollups.int.spec.ts.
describeBankingRollups('banking rollups on current ClickHouse (chDB)', async () => {
  const chdb = await chdbClient();
  await chdb.command({ query: 'CREATE DATABASE banking_rollups_conformance' });
  await chdb.command({ query: 'USE banking_rollups_conformance' });
  // The store and the migration runner take the @clickhouse/client type; chDB answers the
  // subset of it they call.
  const client = chdb as unknown as ClickHouseClient;
  await runClickHouseMigrations(
    client,
    readClickHouseMigrations(DATASET_MIGRATIONS),
    createLogger('conformance', 'warn'),
  );
  return { client, close: () => chdb.close() };
});
