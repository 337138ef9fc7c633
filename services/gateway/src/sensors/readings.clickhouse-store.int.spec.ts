import {
  ch,
  clickHouseConfigSchema,
  createClickHouse,
  createLogger,
  readClickHouseMigrations,
  runClickHouseMigrations,
} from '@tributary/platform';
import { stackConfig, uniqueName } from '@tributary/testing';
import { describeReadingsStore } from './readings.store.cases';
import { PROJECTOR_MIGRATIONS } from './readings.test-data';

const config = stackConfig(clickHouseConfigSchema);
const logger = createLogger('test', 'warn');
const database = uniqueName('gateway_reads');
const admin = createClickHouse(config, logger, 'default');

afterAll(async () => {
  await admin.command({ query: `DROP DATABASE IF EXISTS ${ch.table(database).text}` });
  await admin.close();
});

describeReadingsStore("the gateway's telemetry reads on ClickHouse 18.16", async () => {
  await admin.command({ query: `CREATE DATABASE ${ch.table(database).text}` });
  const client = createClickHouse(config, logger, database);
  await runClickHouseMigrations(client, readClickHouseMigrations(PROJECTOR_MIGRATIONS), logger);
  return { client, close: () => client.close() };
});
