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
    HTTP_PORT: env
      .port()
      .describe('Port of /health/live, /health/ready (Kafka answers) and /metrics.'),
    RPC_PORT: env
      .port()
      .describe('Port of the Nest microservice (TCP) the gateway sends readings to.'),
    PUBLISH_TIMEOUT_MS: env
      .positiveInt()
      .describe(
        "How long a batch may wait for Kafka's acknowledgement before the caller is told 503, in ms.",
      ),
    PUBLISH_BATCHES: env
      .boolean()
      .default(true)
      .describe(
        "Publish a request's readings as batch events (telemetry.readings-batches, one message per partition); false: one message per reading.",
      ),
    PUBLISH_PRODUCERS: env
      .positiveInt()
      .default(4)
      .describe(
        'Idempotent producers publishing side by side, each owning a share of the keys (a key always goes through the same one, so its order holds).',
      ),
  })
  .superRefine(refineKafkaConfig);

export type SensorIngestConfig = z.output<typeof sensorIngestConfigSchema>;
