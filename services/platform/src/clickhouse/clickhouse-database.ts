import { type ClickHouseClient } from '@clickhouse/client';
import { type Logger } from '../logging/logger';
import { createClickHouse } from './clickhouse-client.factory';
import { type ClickHouseConfig } from './clickhouse.config';
import { readClickHouseMigrations, runClickHouseMigrations } from './migrations';
import { table } from './sql';

async function onServer(config: ClickHouseConfig, logger: Logger, query: string): Promise<void> {
  const admin = createClickHouse(config, logger, 'default');
  try {
    await admin.command({ query });
  } finally {
    await admin.close();
  }
}

/**
 * A ClickHouse database of its own beside the stack's, for a test suite, a benchmark or the image
 * check, so it never sees another's rows: created (on a connection to `default`, since the
 * database does not exist yet), migrated with each of `migrationFolders` in order, and returned
 * as a client of it.
 */
export async function createClickHouseDatabase(
  config: ClickHouseConfig,
  logger: Logger,
  database: string,
  migrationFolders: readonly string[] = [],
): Promise<ClickHouseClient> {
  await onServer(config, logger, `CREATE DATABASE IF NOT EXISTS ${table(database).text}`);
  const client = createClickHouse(config, logger, database);
  for (const folder of migrationFolders)
    await runClickHouseMigrations(client, readClickHouseMigrations(folder), logger);
  return client;
}

/** Drops `database` and everything in it. */
export async function dropClickHouseDatabase(
  config: ClickHouseConfig,
  logger: Logger,
  database: string,
): Promise<void> {
  await onServer(config, logger, `DROP DATABASE IF EXISTS ${table(database).text}`);
}
