import { type ClickHouseClient } from '@clickhouse/client';
import {
  clickHouseConfigSchema,
  createClickHouseDatabase,
  createLogger,
  dropClickHouseDatabase,
  readClickHouseMigrations,
  runClickHouseMigrations,
  type Logger,
} from '@tributary/platform';
import { ANALYTICS_MIGRATIONS, type AnalyticsMigrations } from '@tributary/read-models';
import { chdbClient, stackConfig, uniqueName } from '@tributary/testing';

/** The analytics tables' migrations, as analytics-projector applies them (`@tributary/read-models`). */
export const PROJECTOR_MIGRATIONS = ANALYTICS_MIGRATIONS;
export type ProjectorMigrations = AnalyticsMigrations;

/** What a store's shared cases read through, and how they let go of it. */
export interface StoreConnection {
  client: ClickHouseClient;
  close: () => Promise<void>;
}
/** Called by a store's shared cases (`describe…Store`) in their `beforeAll`. */
export type ConnectStore = () => Promise<StoreConnection>;

async function migrate(
  client: ClickHouseClient,
  folders: readonly ProjectorMigrations[],
  logger: Logger,
): Promise<void> {
  for (const folder of folders)
    await runClickHouseMigrations(
      client,
      readClickHouseMigrations(PROJECTOR_MIGRATIONS[folder]),
      logger,
    );
}

/**
 * A database of the suite's own on the stack's ClickHouse (18.16), created and migrated with
 * `folders` (in that order) when the cases connect, and dropped after the suite. Call at the top
 * level of a spec.
 */
export function clickHouseStoreDatabase(
  prefix: string,
  folders: readonly ProjectorMigrations[],
): ConnectStore {
  const config = stackConfig(clickHouseConfigSchema);
  const logger = createLogger('test', 'warn');
  const database = uniqueName(prefix);

  afterAll(() => dropClickHouseDatabase(config, logger, database));

  return async () => {
    const client = await createClickHouseDatabase(
      config,
      logger,
      database,
      folders.map((folder) => PROJECTOR_MIGRATIONS[folder]),
    );
    return { client, close: () => client.close() };
  };
}

/**
 * The same on the current ClickHouse engine (chDB 26.x, in-process), so SQL only 18.16 accepts
 * fails: database `database`, migrated with `folders`.
 */
export function chdbStoreDatabase(
  database: string,
  folders: readonly ProjectorMigrations[],
): ConnectStore {
  return async () => {
    const chdb = await chdbClient();
    await chdb.command({ query: `CREATE DATABASE ${database}` });
    await chdb.command({ query: `USE ${database}` });
    // The stores take the @clickhouse/client type; chDB answers the subset of it they call.
    const client = chdb as unknown as ClickHouseClient;
    await migrate(client, folders, createLogger('conformance', 'warn'));
    return { client, close: () => chdb.close() };
  };
}
