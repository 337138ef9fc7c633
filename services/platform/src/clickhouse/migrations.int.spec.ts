import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClickHouseClient } from '@clickhouse/client';
import { stackConfig, uniqueName } from '@tributary/testing';
import { createLogger } from '../logging/logger';
import { clickHouseConfigSchema } from './clickhouse.config';
import { createClickHouse } from './clickhouse-client.factory';
import {
  pendingClickHouseMigrations,
  readClickHouseMigrations,
  runClickHouseMigrations,
  type ClickHouseMigration,
} from './migrations';
import { table } from './sql';

const config = stackConfig(clickHouseConfigSchema);
const logger = createLogger('platform-test', 'warn');

/**
 * What a service started with MIGRATIONS=skip checks before it runs, against the stack's
 * ClickHouse, in a database of the suite's own (dropped after).
 */
describe('pendingClickHouseMigrations', () => {
  const database = uniqueName('platform_migrations');
  const folder = mkdtempSync(join(tmpdir(), 'ch-migrations-'));
  let client: ClickHouseClient;
  let migrations: ClickHouseMigration[];

  beforeAll(async () => {
    writeFileSync(
      join(folder, '0001_create_a.sql'),
      'CREATE TABLE IF NOT EXISTS a (id String) ENGINE = MergeTree ORDER BY id;\n',
    );
    writeFileSync(
      join(folder, '0002_create_b.sql'),
      'CREATE TABLE IF NOT EXISTS b (id String) ENGINE = MergeTree ORDER BY id;\n',
    );
    migrations = readClickHouseMigrations(folder);
    const admin = createClickHouse(config, logger, 'default');
    await admin.command({ query: `CREATE DATABASE ${table(database).text}` });
    await admin.close();
    client = createClickHouse(config, logger, database);
  });

  afterAll(async () => {
    await client?.command({ query: `DROP DATABASE IF EXISTS ${table(database).text}` });
    await client?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('names every migration when schema_migrations does not exist, and creates nothing', async () => {
    expect(await pendingClickHouseMigrations(client, migrations)).toEqual([
      '0001_create_a',
      '0002_create_b',
    ]);
    const tables = await client
      .query({
        query: 'SELECT name FROM system.tables WHERE database = currentDatabase()',
        format: 'JSONEachRow',
      })
      .then((result) => result.json<{ name: string }>());
    expect(tables).toEqual([]);
  });

  it('names only those not recorded, then none once all are applied', async () => {
    await runClickHouseMigrations(client, migrations.slice(0, 1), logger);
    expect(await pendingClickHouseMigrations(client, migrations)).toEqual(['0002_create_b']);

    await runClickHouseMigrations(client, migrations, logger);
    expect(await pendingClickHouseMigrations(client, migrations)).toEqual([]);
  });
});
