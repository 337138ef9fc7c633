/**
 * The smoke run `npm start` ends with: one Avro event through the schema registry and Kafka, then
 * into ClickHouse and Postgres, each step printed with what it did. Idempotent: reruns add a new
 * event and find the tables and topic already there.
 */
import { randomUUID } from 'node:crypto';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { createTopicsWithLeaders, IDEMPOTENT_PRODUCER } from '@tributary/contracts';
import {
  ch,
  clickHouseConfigSchema,
  createClickHouse,
  createDataSource,
  createKafka,
  createLogger,
  kafkaConfigSchema,
  loadConfig,
  postgresConfigSchema,
  runMigrations,
} from '@tributary/platform';
import { type MigrationInterface, type QueryRunner } from 'typeorm';

const TOPIC = 'smoke.events';
const schema = {
  type: 'record',
  name: 'SmokeEventRecorded',
  namespace: 'tributary.smoke',
  doc: 'One event per smoke run, proving the path producer → Kafka → consumer → sinks.',
  fields: [
    { name: 'event_id', type: { type: 'string', logicalType: 'uuid' } },
    { name: 'occurred_at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'message', type: 'string' },
  ],
};

class CreateSmokeRuns1732270000000 implements MigrationInterface {
  name = 'CreateSmokeRuns1732270000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE TABLE smoke.smoke_runs (event_id uuid PRIMARY KEY, occurred_at timestamptz NOT NULL, schema_id int NOT NULL)',
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE smoke.smoke_runs');
  }
}

function step(name: string, detail: string): void {
  console.log(`  ✔ ${name.padEnd(16)} ${detail}`);
}

async function main(): Promise<void> {
  const config = loadConfig(
    kafkaConfigSchema.extend(clickHouseConfigSchema.shape).extend(postgresConfigSchema.shape),
  );
  const logger = createLogger('smoke-run', process.env['LOG_LEVEL'] ?? 'warn');
  console.log('Smoke run: one Avro event through the local stack');

  const kafka = createKafka(config, 'tributary-smoke-run', logger);
  const admin = kafka.admin();
  await admin.connect();
  // Created only when missing: kafkajs logs an error for a topic that already exists.
  const created = !(await admin.listTopics()).includes(TOPIC);
  if (created) await createTopicsWithLeaders(admin, [{ topic: TOPIC, numPartitions: 1 }]);
  await admin.disconnect();
  step('topic', `${TOPIC} ${created ? 'created' : 'already there'}`);

  const registry = new SchemaRegistry({ host: config.SCHEMA_REGISTRY_URL });
  const { id: schemaId } = await registry.register(
    { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
    { subject: `${TOPIC}-value` },
  );
  step('schema', `subject ${TOPIC}-value → schema id ${schemaId} at ${config.SCHEMA_REGISTRY_URL}`);

  const event = {
    event_id: randomUUID(),
    occurred_at: Date.now(),
    message: 'hello from npm start',
  };
  const producer = kafka.producer(IDEMPOTENT_PRODUCER);
  await producer.connect();
  const [meta] = await producer.send({
    topic: TOPIC,
    acks: -1,
    messages: [{ key: event.event_id, value: await registry.encode(schemaId, event) }],
  });
  await producer.disconnect();
  step(
    'produce',
    `event ${event.event_id} → partition ${meta?.partition} offset ${meta?.baseOffset}`,
  );

  const consumer = kafka.consumer({ groupId: `smoke-run-${event.event_id}` });
  const received = await new Promise<typeof event>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('event not consumed within 30 s')), 30_000);
    void (async () => {
      await consumer.connect();
      await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          if (!message.value) return;
          const decoded = (await registry.decode(message.value)) as typeof event;
          if (decoded.event_id === event.event_id) {
            clearTimeout(timer);
            resolve(decoded);
          }
        },
      });
    })().catch(reject);
  });
  await consumer.disconnect();
  step('consume', `decoded ${received.event_id} (magic byte 0, schema id ${schemaId})`);

  const chAdmin = createClickHouse(config, logger, 'default');
  await chAdmin.command({
    query: `CREATE DATABASE IF NOT EXISTS ${ch.table(config.CLICKHOUSE_DATABASE).text}`,
  });
  await chAdmin.close();
  const clickhouse = createClickHouse(config, logger);
  await clickhouse.command({
    query: `CREATE TABLE IF NOT EXISTS smoke_events
            (event_id String, occurred_at DateTime('UTC'), message String)
            ENGINE = ReplacingMergeTree ORDER BY event_id`,
  });
  await clickhouse.insert({
    table: 'smoke_events',
    format: 'JSONEachRow',
    values: [{ ...received, occurred_at: new Date(received.occurred_at).toISOString() }],
  });
  const rows = await clickhouse.query({
    query: ch.sql`SELECT message, (SELECT count() FROM smoke_events) AS total
                  FROM smoke_events WHERE event_id = ${ch.str(received.event_id)}`.text,
    format: 'JSONEachRow',
  });
  const [row] = await rows.json<{ message: string; total: string }>();
  await clickhouse.close();
  step(
    'clickhouse',
    `${config.CLICKHOUSE_DATABASE}.smoke_events: read back "${row?.message}" (${row?.total} events in all)`,
  );

  const dataSource = createDataSource(config, {
    entities: [],
    migrations: [CreateSmokeRuns1732270000000],
    schema: 'smoke',
    poolSize: 1,
  });
  await dataSource.initialize();
  const applied = await runMigrations(dataSource, 'smoke');
  await dataSource.query(
    'INSERT INTO smoke.smoke_runs (event_id, occurred_at, schema_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [received.event_id, new Date(received.occurred_at), schemaId],
  );
  const [{ count }] = (await dataSource.query(
    'SELECT count(*)::int AS count FROM smoke.smoke_runs',
  )) as [{ count: number }];
  await dataSource.destroy();
  step(
    'postgres',
    `smoke.smoke_runs: ${applied.length} migration(s) applied now, ${count} run(s) recorded`,
  );
  console.log('Smoke run passed.');
}

main().catch((error: unknown) => {
  console.error(`Smoke run failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
