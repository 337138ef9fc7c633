import { type ClickHouseClient } from '@clickhouse/client';
import {
  clickHouseConfigSchema,
  createClickHouse,
  loggingConfigSchema,
  pendingClickHouseMigrations,
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

/**
 * MIGRATIONS=skip: refuses to start while some of the telemetry or dataset migrations are not
 * recorded in `schema_migrations` (`node . migrate` has not run against this database), naming
 * them, instead of failing later on a missing table. Reads only.
 */
export async function assertProjectorMigrated(clickhouse: ClickHouseClient): Promise<void> {
  const pending = [
    ...(
      await pendingClickHouseMigrations(clickhouse, readClickHouseMigrations(TELEMETRY_MIGRATIONS))
    ).map((name) => `telemetry: ${name}`),
    ...(
      await pendingClickHouseMigrations(clickhouse, readClickHouseMigrations(DATASET_MIGRATIONS))
    ).map((name) => `datasets: ${name}`),
  ];
  if (pending.length > 0) {
    throw new Error(
      `MIGRATIONS=skip, but ${pending.length} migration(s) are not applied (${pending.join(', ')}): run \`node . migrate\` first`,
    );
  }
}
