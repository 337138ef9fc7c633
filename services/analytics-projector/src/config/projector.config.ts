import {
  clickHouseConfigSchema,
  env,
  kafkaConfigSchema,
  loggingConfigSchema,
} from '@tributary/platform';
import { type z } from 'zod';

export const projectorConfigSchema = kafkaConfigSchema
  .extend(clickHouseConfigSchema.shape)
  .extend(loggingConfigSchema.shape)
  .extend({
    /** Port of /health/live, /health/ready and /metrics. */
    HTTP_PORT: env.port(),
    /** Consumer group; replicas share it and split the partitions. */
    PROJECTOR_GROUP_ID: env.string(),
    /** Messages per ClickHouse insert, at most (default 5000: large inserts are what ClickHouse likes). */
    PROJECTOR_MAX_CHUNK: env.positiveInt().optional(),
  });

export type ProjectorConfig = z.output<typeof projectorConfigSchema>;
