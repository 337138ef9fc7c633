import {
  loggingConfigSchema,
  postgresConfigSchema,
  type MigrateCommand,
} from '@tributary/platform';
import { MigrationExecutor, type DataSource } from 'typeorm';
import { createDirectoryDataSource, migrateDirectory } from './postgres/directory.data-source';

/** What `node . migrate` needs: the database, and the log level. */
export const directoryMigrateConfigSchema = postgresConfigSchema.extend(loggingConfigSchema.shape);

/** `node . migrate`: the directory schema (jobs, rejections, dimensions), then exit. */
export const directoryMigrateCommand: MigrateCommand<typeof directoryMigrateConfigSchema> = {
  service: 'directory-projector',
  schema: directoryMigrateConfigSchema,
  migrate: async (config) => {
    const db = createDirectoryDataSource(config, 1);
    await db.initialize();
    try {
      return { postgres: await migrateDirectory(db) };
    } finally {
      await db.destroy();
    }
  },
};

/**
 * MIGRATIONS=skip: refuses to start while some migrations are not applied (`node . migrate` has
 * not run against this database), naming them, instead of failing later on a missing table.
 * Reads only: the migrations table may not exist yet (then every migration is pending).
 */
export async function assertDirectoryMigrated(db: DataSource): Promise<void> {
  const pending = (await new MigrationExecutor(db).getPendingMigrations()).map(
    (migration) => migration.name,
  );
  if (pending.length > 0) {
    throw new Error(
      `MIGRATIONS=skip, but ${pending.length} migration(s) are not applied (postgres: ${pending.join(', ')}): run \`node . migrate\` first`,
    );
  }
}
