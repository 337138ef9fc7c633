import {
  loggingConfigSchema,
  postgresConfigSchema,
  type MigrateCommand,
} from '@tributary/platform';
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
