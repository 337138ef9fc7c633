import {
  env,
  kafkaConfigSchema,
  loggingConfigSchema,
  postgresConfigSchema,
} from '@tributary/platform';
import { z } from 'zod';

export const directoryProjectorConfigSchema = kafkaConfigSchema
  .extend(postgresConfigSchema.shape)
  .extend(loggingConfigSchema.shape)
  .extend({
    /** Port of /health/live, /health/ready and /metrics. */
    HTTP_PORT: env.port(),
    /** Consumer group; replicas share it and split the partitions. */
    DIRECTORY_GROUP_ID: env.string(),
    /** Postgres schema of the directory's tables (default directory; the gateway reads it). */
    DIRECTORY_DB_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
      .optional(),
    /** Messages per handler call, each written in one transaction (default 2000). */
    DIRECTORY_MAX_CHUNK: env.positiveInt().optional(),
  });

export type DirectoryProjectorConfig = z.output<typeof directoryProjectorConfigSchema>;
