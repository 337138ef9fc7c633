import {
  env,
  kafkaConfigSchema,
  refineKafkaConfig,
  loggingConfigSchema,
} from '@tributary/platform';
import { type z } from 'zod';

export const sensorIngestConfigSchema = kafkaConfigSchema
  .extend(loggingConfigSchema.shape)
  .extend({
    /** Port of /health/live, /health/ready and /metrics. */
    HTTP_PORT: env.port(),
    /** Port of the Nest microservice (TCP) the gateway sends readings to. */
    RPC_PORT: env.port(),
    /** How long a batch may wait for Kafka's acknowledgement before the caller is told 503. */
    PUBLISH_TIMEOUT_MS: env.positiveInt(),
    /** Idempotent producers publishing side by side, each owning a share of the keys (default 4). */
    PUBLISH_PRODUCERS: env.positiveInt().optional(),
  })
  .superRefine(refineKafkaConfig);

export type SensorIngestConfig = z.output<typeof sensorIngestConfigSchema>;
