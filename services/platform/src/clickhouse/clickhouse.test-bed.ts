import { type ClickHouseClient } from '@clickhouse/client';
import { stackConfig, uniqueName } from '@tributary/testing';
import { createLogger } from '../logging/logger';
import { clickHouseConfigSchema } from './clickhouse.config';
import { createClickHouseDatabase, dropClickHouseDatabase } from './clickhouse-database';

export interface ClickHouseTestDatabase {
  /** The database's unique name. */
  readonly database: string;
  /** A client of it; set in `beforeAll`. */
  readonly client: ClickHouseClient;
}

/**
 * A database of the suite's own on the stack's ClickHouse, named from `prefix`, created and
 * migrated with `migrationFolders` before the suite and dropped after it. Call inside `describe`
 * (or at a spec's top level); read `client` in the tests.
 */
export function clickHouseTestDatabase(
  prefix: string,
  migrationFolders: readonly string[] = [],
): ClickHouseTestDatabase {
  const config = stackConfig(clickHouseConfigSchema);
  const logger = createLogger('test', 'warn');
  const bed = { database: uniqueName(prefix) } as { database: string; client: ClickHouseClient };

  beforeAll(async () => {
    bed.client = await createClickHouseDatabase(config, logger, bed.database, migrationFolders);
  });

  afterAll(async () => {
    await dropClickHouseDatabase(config, logger, bed.database);
    await bed.client?.close();
  });

  return bed;
}
