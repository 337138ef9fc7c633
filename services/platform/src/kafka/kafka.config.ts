import { z } from 'zod';
import { env } from '../config/config';

export const kafkaConfigSchema = z.object({
  /** Bootstrap brokers, `host:port[,host:port…]`. */
  KAFKA_BROKERS: env.hostPortList(),
  /** Confluent-compatible schema registry, e.g. http://127.0.0.1:18081. */
  SCHEMA_REGISTRY_URL: env.url(['http', 'https']),
});

export type KafkaConfig = z.output<typeof kafkaConfigSchema>;
