import { type ClickHouseClient } from '@clickhouse/client';
import {
  clickHouseConfigSchema,
  createClickHouse,
  env,
  loggingConfigSchema,
  pendingClickHouseMigrations,
  readClickHouseMigrations,
  runClickHouseMigrations,
  type MigrateCommand,
} from '@tributary/platform';
import { z } from 'zod';
import { ensureApiReader } from './api-reader/api-reader';

// The deployment's checks compare it with the local stack's users.xml.
export { API_READER_PROFILE, API_READER_SETTINGS } from './api-reader/api-reader';
import { DATASET_MIGRATIONS } from './datasets/datasets.projector';
import { TELEMETRY_MIGRATIONS } from './telemetry/telemetry.projector';

/**
 * What `node . migrate` needs: ClickHouse (its database must exist), the log level, and the API's
 * read-only user to create or update, if any.
 */
export const projectorMigrateConfigSchema = clickHouseConfigSchema
  .extend(loggingConfigSchema.shape)
  .extend({
    CLICKHOUSE_API_USER: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case identifier')
      .optional()
      .describe(
        "With CLICKHOUSE_API_PASSWORD: the gateway's read-only ClickHouse user, created or updated by `node . migrate` (readonly, SELECT on CLICKHOUSE_DATABASE only, with its time and result limits; CLICKHOUSE_USER needs access management). On a ClickHouse without SQL users (18.16) users.xml defines it and this does nothing.",
      ),
    CLICKHOUSE_API_PASSWORD: env
      .secret()
      .optional()
      .describe("CLICKHOUSE_API_USER's password (the gateway's CLICKHOUSE_PASSWORD)."),
  })
  .superRefine((config, ctx) => {
    if (
      (config.CLICKHOUSE_API_USER === undefined) !==
      (config.CLICKHOUSE_API_PASSWORD === undefined)
    )
      ctx.addIssue({
        code: 'custom',
        path: [
          config.CLICKHOUSE_API_USER === undefined
            ? 'CLICKHOUSE_API_USER'
            : 'CLICKHOUSE_API_PASSWORD',
        ],
        message: 'is required when the other API user variable is set (set both or neither)',
      });
  });

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
      const apiReader =
        config.CLICKHOUSE_API_USER && config.CLICKHOUSE_API_PASSWORD
          ? await ensureApiReader(
              clickhouse,
              {
                user: config.CLICKHOUSE_API_USER,
                password: config.CLICKHOUSE_API_PASSWORD,
                database: config.CLICKHOUSE_DATABASE,
              },
              logger,
            )
          : 'not asked';
      // Reported as applied like a migration: the user, its profile and grant (re)written.
      return {
        telemetry,
        datasets,
        ...(apiReader === 'created' ? { 'api user': [config.CLICKHOUSE_API_USER!] } : {}),
      };
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
