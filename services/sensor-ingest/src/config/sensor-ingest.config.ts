import {
  env,
  kafkaConfigSchema,
  refineKafkaConfig,
  loggingConfigSchema,
} from '@tributary/platform';
import { MIN_SERVICE_CREDENTIAL_LENGTH } from '@tributary/contracts';
import { z } from 'zod';

export const sensorIngestConfigSchema = kafkaConfigSchema
  .extend(loggingConfigSchema.shape)
  .extend({
    HTTP_HOST: env
      .host()
      .default('127.0.0.1')
      .describe(
        'Address HTTP_PORT binds: loopback by default, so in a local run only this machine reaches the ops routes; `0.0.0.0` in a cluster (probes, Prometheus).',
      ),
    HTTP_PORT: env
      .port()
      .describe('Port of /health/live, /health/ready (Kafka answers) and /metrics.'),
    RPC_PORT: env
      .port()
      .describe('Port of the Nest microservice (TCP) the gateway sends readings to.'),
    RPC_HOST: env
      .host()
      .default('127.0.0.1')
      .describe(
        'Address the RPC port binds: loopback by default, so only this machine reaches it; `0.0.0.0` in a cluster, where a NetworkPolicy admits only the gateway.',
      ),
    SERVICE_CREDENTIAL: env
      .secret(MIN_SERVICE_CREDENTIAL_LENGTH)
      .describe(
        'The secret the gateway sends with every RPC message (the same value as its SERVICE_CREDENTIAL); a message without it is refused and records nothing.',
      ),
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
    // 3: a divisor of telemetry.readings' 6 partitions, so each lane carries two partitions'
    // batches and a request waits on lanes of equal share (with 4, two lanes carried twice what
    // the others did; bench:readings measured 3 ahead of 1, 2, 4 and 6 in ack p99).
    PUBLISH_PRODUCERS: env
      .positiveInt()
      .default(3)
      .describe(
        "Idempotent producers publishing side by side, each owning a share of the keys (a key always goes through the same one, so its order holds); batches go to lane partition % producers, so a divisor of telemetry.readings' partition count spreads them evenly.",
      ),
  })
  .superRefine(refineKafkaConfig);

export type SensorIngestConfig = z.output<typeof sensorIngestConfigSchema>;
