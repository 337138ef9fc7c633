import { createDataSource, runMigrations, type PostgresConfig } from '@tributary/platform';
import { type DataSource } from 'typeorm';
import { BankingClientEntity } from '../banking/banking.dimensions';
import { EvChargerEntity, EvUserEntity } from '../ev/ev.dimensions';
import { IngestJobEntity, IngestRejectionEntity } from '../jobs/jobs.entities';
import { CreateDirectory1764200000000 } from '../migrations/1764200000000-create-directory';
import { EvUsersFirstNameIndex1764300000000 } from '../migrations/1764300000000-ev-users-first-name-index';
import { NamePrefixIndexes1764400000000 } from '../migrations/1764400000000-name-prefix-indexes';
import { RetailProductEntity } from '../retail/retail.dimensions';

/**
 * The Postgres schema of the directory. Fixed: the gateway reads `directory.ingest_jobs` and the
 * rest by name. Tests isolate themselves with a database of their own instead.
 */
export const DIRECTORY_SCHEMA = 'directory';

export const DIRECTORY_ENTITIES = [
  IngestJobEntity,
  IngestRejectionEntity,
  EvUserEntity,
  EvChargerEntity,
  BankingClientEntity,
  RetailProductEntity,
] as const;

/** In order; applied ones are never edited. */
export const DIRECTORY_MIGRATIONS = [
  CreateDirectory1764200000000,
  EvUsersFirstNameIndex1764300000000,
  NamePrefixIndexes1764400000000,
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
