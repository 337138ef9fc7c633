import {
  ch,
  clickHouseConfigSchema,
  createClickHouse,
  createLogger,
  readClickHouseMigrations,
  runClickHouseMigrations,
} from '@tributary/platform';
import { stackConfig, uniqueName } from '@tributary/testing';
import { describeEvSessionsStore, PROJECTOR_MIGRATIONS } from './ev.store.cases';

const config = stackConfig(clickHouseConfigSchema);
const logger = createLogger('test', 'warn');
const database = uniqueName('gateway_ev_reads');
const admin = createClickHouse(config, logger, 'default');

afterAll(async () => {
  await admin.command({ query: `DROP DATABASE IF EXISTS ${ch.table(database).text}` });
  await admin.close();
});

describeEvSessionsStore("the gateway's EV reads on ClickHouse 18.16", async () => {
  await admin.command({ query: `CREATE DATABASE ${ch.table(database).text}` });
  const client = createClickHouse(config, logger, database);
  await runClickHouseMigrations(client, readClickHouseMigrations(PROJECTOR_MIGRATIONS), logger);
  return { client, close: () => client.close() };
});
