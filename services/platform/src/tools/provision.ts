/**
 * Creates or updates every catalog topic (and its DLQ) and registers every schema with
 * FULL_TRANSITIVE compatibility. Idempotent: run by `npm start`, by `npm test`, and by deployments
 * (compose's `provision`, the Kubernetes provision Job) before the services start.
 *
 * Reads the platform's Kafka settings, so it reaches a cluster the way the services do:
 * KAFKA_BROKERS, SCHEMA_REGISTRY_URL, TLS and SASL (KAFKA_SSL, KAFKA_SSL_CA_FILE,
 * KAFKA_SASL_*), registry basic auth (SCHEMA_REGISTRY_USERNAME/_PASSWORD), and
 * KAFKA_REPLICATION_FACTOR (default 1, the local single broker).
 */
import { EventCodec, ensureTopics } from '@tributary/contracts';
import { z } from 'zod';
import { loadConfigOrExit } from '../config/config';
import { createKafka } from '../kafka/kafka-client.factory';
import { eventCodecOptions, kafkaConfigSchema, refineKafkaConfig } from '../kafka/kafka.config';
import { createLogger } from '../logging/logger';

export const provisionConfigSchema = kafkaConfigSchema
  .extend({
    KAFKA_REPLICATION_FACTOR: z
      .string()
      .regex(/^[1-9]\d?$/, 'must be a whole number from 1 to 99')
      .transform(Number)
      .default(1),
  })
  .superRefine(refineKafkaConfig);

async function main(): Promise<void> {
  const config = loadConfigOrExit(provisionConfigSchema);
  const logger = createLogger('provision', 'warn');
  const admin = createKafka(config, 'tributary-provision', logger).admin();
  await admin.connect();
  try {
    const topics = await ensureTopics(admin, undefined, config.KAFKA_REPLICATION_FACTOR);
    process.stdout.write(
      `topics: ${topics.created.length} created, ${topics.reconfigured.length} reconfigured, ` +
        `${topics.repartitioned.length} repartitioned, ${topics.unchanged.length} unchanged\n`,
    );
  } finally {
    await admin.disconnect();
  }
  const ids = await new EventCodec(eventCodecOptions(config)).register();
  process.stdout.write(
    `schemas: ${ids.size} subjects registered (FULL_TRANSITIVE) at ${config.SCHEMA_REGISTRY_URL}\n`,
  );
}

if (require.main === module)
  main().catch((error: unknown) => {
    process.stderr.write(
      `provisioning failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
