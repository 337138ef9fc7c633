import {
  consumerConfigSchema,
  env,
  kafkaConfigSchema,
  refineKafkaConfig,
  loggingConfigSchema,
  migrationsConfigSchema,
  postgresConfigSchema,
} from '@tributary/platform';
import { type z } from 'zod';

/** The environment of directory-projector, checked at boot: every bad variable named at once. */
export const directoryProjectorConfigSchema = kafkaConfigSchema
  .extend(postgresConfigSchema.shape)
  .extend(loggingConfigSchema.shape)
  .extend(migrationsConfigSchema.shape)
  .extend(consumerConfigSchema.shape)
  .extend({
    HTTP_HOST: env
      .host()
      .default('127.0.0.1')
      .describe(
        'Address HTTP_PORT binds: loopback by default, so in a local run only this machine reaches the ops routes; `0.0.0.0` in a cluster (probes, Prometheus).',
      ),
    HTTP_PORT: env
      .port()
      .describe(
        'Port of /health/live, /health/ready (Postgres answers, the consumer is running) and /metrics (with tributary_consumer_lag).',
      ),
    DIRECTORY_GROUP_ID: env
      .string()
      .default('directory-projector')
      .describe('Consumer group; replicas share it and split the partitions.'),
    DIRECTORY_MAX_CHUNK: env
      .positiveInt()
      .refine((n) => n <= 50_000, 'must be at most 50000')
      .default(5_000)
      .describe(
        'Messages per handler call, each chunk written in one transaction (at most 50000).',
      ),
  })
  .superRefine(refineKafkaConfig);

export type DirectoryProjectorConfig = z.output<typeof directoryProjectorConfigSchema>;
