import { createDataSource, runMigrations, type PostgresConfig } from '@tributary/platform';
import { DIRECTORY_MIGRATIONS, DIRECTORY_SCHEMA } from '@tributary/read-models';
import { type DataSource } from 'typeorm';
import { BankingClientEntity } from '../banking/banking.dimensions';
import { EvChargerEntity, EvUserEntity } from '../ev/ev.dimensions';
import { IngestJobEntity, IngestRejectionEntity } from '../jobs/jobs.entities';
import { RetailProductEntity } from '../retail/retail.dimensions';

// The schema and its migrations are read models' (`@tributary/read-models`): this service owns
// and writes the tables, the gateway reads them. Tests isolate themselves with a database of
// their own.

export const DIRECTORY_ENTITIES = [
  IngestJobEntity,
  IngestRejectionEntity,
  EvUserEntity,
  EvChargerEntity,
  BankingClientEntity,
  RetailProductEntity,
] as const;

/** A DataSource on the directory's schema (first on the search path), never synchronizing. */
export function createDirectoryDataSource(config: PostgresConfig, poolSize: number): DataSource {
  return createDataSource(config, {
    entities: DIRECTORY_ENTITIES,
    migrations: DIRECTORY_MIGRATIONS,
    schema: DIRECTORY_SCHEMA,
    poolSize,
  });
}

/**
 * Applies pending migrations once, under an advisory lock, however many replicas boot together.
 * Returns the names of the ones applied.
 */
export async function migrateDirectory(db: DataSource): Promise<string[]> {
  const applied = await runMigrations(db, `directory-projector:${DIRECTORY_SCHEMA}`);
  return applied.map((migration) => migration.name);
}
