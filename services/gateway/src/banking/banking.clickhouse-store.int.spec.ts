import {
  ch,
  clickHouseConfigSchema,
  createClickHouse,
  createLogger,
  readClickHouseMigrations,
  runClickHouseMigrations,
} from '@tributary/platform';
import { stackConfig, uniqueName } from '@tributary/testing';
import { DATASET_MIGRATIONS, describeBankingStore } from './banking.store.cases';

const config = stackConfig(clickHouseConfigSchema);
const logger = createLogger('test', 'warn');
const database = uniqueName('gateway_banking');
const admin = createClickHouse(config, logger, 'default');

afterAll(async () => {
  await admin.command({ query: `DROP DATABASE IF EXISTS ${ch.table(database).text}` });
  await admin.close();
});

describeBankingStore("the gateway's banking reads on ClickHouse 18.16", async () => {
  await admin.command({ query: `CREATE DATABASE ${ch.table(database).text}` });
  const client = createClickHouse(config, logger, database);
  await runClickHouseMigrations(client, readClickHouseMigrations(DATASET_MIGRATIONS), logger);
  return { client, close: () => client.close() };
});
