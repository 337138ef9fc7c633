import { type ClickHouseClient } from '@clickhouse/client';
import { EventCodec, ensureTopics, TOPICS, type TopicSpec } from '@tributary/contracts';
import {
  ch,
  clickHouseConfigSchema,
  createClickHouse,
  createKafka,
  createLogger,
  kafkaConfigSchema,
  type Logger,
} from '@tributary/platform';
import { stackConfig, uniqueName } from '@tributary/testing';
import { type Kafka } from 'kafkajs';

export interface ProjectionTestBed {
  readonly logger: Logger;
  /** This bed's renamed copy of a catalog topic. */
  renamed(topic: string): string;
  kafka: Kafka;
  client: ClickHouseClient;
  codec: EventCodec;
  /** Rows of a query on this bed's database, 64-bit integers as numbers. */
  rows<T>(query: string): Promise<T[]>;
}

/**
 * What a projection's integration test runs against, its own in everything: renamed copies of
 * the given catalog topics (same partitions, schemas registered under their own subjects), and a
 * ClickHouse database created before and dropped after the suite. Call inside `describe`; fields
 * fill in `beforeAll`.
 */
export function projectionTestBed(name: string, topics: readonly string[]): ProjectionTestBed {
  const config = stackConfig(kafkaConfigSchema.extend(clickHouseConfigSchema.shape));
  const database = uniqueName(name);
  const prefix = uniqueName('tp');
  const renamed = (topic: string) => `${prefix}.${topic}`;
  const catalog: TopicSpec[] = TOPICS.filter((t) => topics.includes(t.topic)).map((t) => ({
    ...t,
    topic: renamed(t.topic),
  }));
  const bed = {
    logger: createLogger('analytics-projector-test', 'warn'),
    renamed,
    async rows<T>(query: string): Promise<T[]> {
      const result = await bed.client.query({
        query,
        format: 'JSONEachRow',
        clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
      });
      return result.json<T>();
    },
  } as ProjectionTestBed;

  beforeAll(async () => {
    bed.kafka = createKafka(config, `${name}-test`, bed.logger);
    const admin = bed.kafka.admin();
    await admin.connect();
    await ensureTopics(admin, catalog);
    await admin.disconnect();
    bed.codec = new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL, topics: catalog });
    await bed.codec.register();
    const bootstrap = createClickHouse(config, bed.logger, 'default');
    await bootstrap.command({ query: `CREATE DATABASE ${ch.table(database).text}` });
    await bootstrap.close();
    bed.client = createClickHouse(config, bed.logger, database);
  });

  afterAll(async () => {
    await bed.client.command({ query: `DROP DATABASE IF EXISTS ${ch.table(database).text}` });
    await bed.client.close();
  });

  return bed;
}
