import {
  clickHouseConfigSchema,
  env,
  kafkaConfigSchema,
  loggingConfigSchema,
} from '@tributary/platform';
import { z } from 'zod';

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
    /**
     * A fetch waits for this many bytes (default 1 MiB, ~6,000 readings) or PROJECTOR_FETCH_MAX_WAIT_MS
     * (default 200), whichever comes first: under load, each rollup recomputation then covers
     * thousands of readings instead of a few, at the cost of at most that wait in freshness.
     */
    PROJECTOR_FETCH_MIN_BYTES: env.positiveInt().optional(),
    /**
     * Hourly and daily rollups of the buckets new readings touched are recomputed at most this
     * often, ms (default 1000); offsets are committed after that. 0 recomputes after every chunk.
     */
    PROJECTOR_ROLLUP_INTERVAL_MS: z
      .string()
      .regex(/^\d+$/, 'must be a whole number of milliseconds')
      .transform(Number)
      .optional(),
    PROJECTOR_FETCH_MAX_WAIT_MS: env.positiveInt().optional(),
  });

export type ProjectorConfig = z.output<typeof projectorConfigSchema>;
