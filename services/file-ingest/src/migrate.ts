import {
  createDataSource,
  loggingConfigSchema,
  postgresConfigSchema,
  runMigrations,
  type MigrateCommand,
  type PostgresConfig,
} from '@tributary/platform';
import { type DataSource } from 'typeorm';
import { ledgerSchemaName } from './config/file-ingest.config';
import { CreateLedger1764100000000 } from './jobs/migrations/1764100000000-create-ledger';

/** In order; applied ones are never edited. */
export const FILE_INGEST_MIGRATIONS = [CreateLedger1764100000000];

interface LedgerConfig extends PostgresConfig {
  /** The job ledger's Postgres schema (FILE_INGEST_DB_SCHEMA, defaulted by the config schema). */
  FILE_INGEST_DB_SCHEMA: string;
}

/** A DataSource on the ledger's schema (the job ledger and the SFTP memory). */
export function createLedgerDataSource(config: LedgerConfig, poolSize: number): DataSource {
  return createDataSource(config, {
    entities: [],
    migrations: FILE_INGEST_MIGRATIONS,
    schema: config.FILE_INGEST_DB_SCHEMA,
    poolSize,
  });
}

/** Applies the pending migrations once (advisory lock per schema); returns those applied. */
export async function migrateLedger(db: DataSource, config: LedgerConfig): Promise<string[]> {
  const applied = await runMigrations(db, `file-ingest-migrations:${config.FILE_INGEST_DB_SCHEMA}`);
  return applied.map((migration) => migration.name);
}

/** What `node . migrate` needs: the database and the ledger's schema, and the log level. */
export const fileIngestMigrateConfigSchema = postgresConfigSchema
  .extend(loggingConfigSchema.shape)
  .extend({
    FILE_INGEST_DB_SCHEMA: ledgerSchemaName,
  });

/** `node . migrate`: the job ledger, then exit. */
export const fileIngestMigrateCommand: MigrateCommand<typeof fileIngestMigrateConfigSchema> = {
  service: 'file-ingest',
  schema: fileIngestMigrateConfigSchema,
  migrate: async (config) => {
    const db = createLedgerDataSource(config, 1);
    await db.initialize();
    try {
      return { postgres: await migrateLedger(db, config) };
    } finally {
      await db.destroy();
    }
  },
};
