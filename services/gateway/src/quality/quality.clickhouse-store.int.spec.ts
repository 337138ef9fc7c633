import {
  ch,
  clickHouseConfigSchema,
  createClickHouse,
  createLogger,
  readClickHouseMigrations,
  runClickHouseMigrations,
} from '@tributary/platform';
import { stackConfig, uniqueName } from '@tributary/testing';
import { describeQualityStore } from './quality.store.cases';
import { PROJECTOR_MIGRATION_FOLDERS } from './quality.test-data';

const config = stackConfig(clickHouseConfigSchema);
const logger = createLogger('test', 'warn');
const database = uniqueName('gateway_quality');
const admin = createClickHouse(config, logger, 'default');

afterAll(async () => {
  await admin.command({ query: `DROP DATABASE IF EXISTS ${ch.table(database).text}` });
  await admin.close();
});

describeQualityStore('the quality report on ClickHouse 18.16', async () => {
  await admin.command({ query: `CREATE DATABASE ${ch.table(database).text}` });
  const client = createClickHouse(config, logger, database);
  for (const folder of PROJECTOR_MIGRATION_FOLDERS)
    await runClickHouseMigrations(client, readClickHouseMigrations(folder), logger);
  return { client, close: () => client.close() };
});
