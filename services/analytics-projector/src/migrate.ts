import {
  clickHouseConfigSchema,
  createClickHouse,
  loggingConfigSchema,
  readClickHouseMigrations,
  runClickHouseMigrations,
  type MigrateCommand,
} from '@tributary/platform';
import { DATASET_MIGRATIONS } from './datasets/datasets.projector';
import { TELEMETRY_MIGRATIONS } from './telemetry/telemetry.projector';

/** What `node . migrate` needs: ClickHouse (its database must exist), and the log level. */
export const projectorMigrateConfigSchema = clickHouseConfigSchema.extend(
  loggingConfigSchema.shape,
);

/**
 * `node . migrate`: the telemetry tables, then the datasets' (one `schema_migrations`, as the
 * projections apply them at start-up), then exit.
 */
export const projectorMigrateCommand: MigrateCommand<typeof projectorMigrateConfigSchema> = {
  service: 'analytics-projector',
  schema: projectorMigrateConfigSchema,
  migrate: async (config, logger) => {
    const clickhouse = createClickHouse(config, logger);
    try {
      const telemetry = await runClickHouseMigrations(
        clickhouse,
        readClickHouseMigrations(TELEMETRY_MIGRATIONS),
        logger,
      );
      const datasets = await runClickHouseMigrations(
        clickhouse,
        readClickHouseMigrations(DATASET_MIGRATIONS),
        logger,
      );
      return { telemetry, datasets };
    } finally {
      await clickhouse.close();
    }
  },
};
