import {
  EventCodec,
  IDEMPOTENT_PRODUCER,
  IncompatibleSchemaError,
  readingIdFor,
  TOPICS,
  eventMetadata,
  type AvroSchema,
  type Topic,
  type TributaryTelemetry,
} from '@tributary/contracts';
import {
  BatchConsumer,
  createLogger,
  decodeEvents,
  kafkaConfigSchema,
  loadConfig,
} from '@tributary/platform';
import { Random, uniqueName, waitFor } from '@tributary/testing';
import { type AckedReading } from '../ledger';
import { Platform, topicEnds } from '../platform';
import { annotateResult, FULL, FULL_LOAD, runScenario } from './scenario';

/** The real topic the stock analytics-projector reads single readings from. */
const TOPIC = 'telemetry.readings';
/** The new optional field of v2. */
const FIELD = 'firmware_version';

type Reading = TributaryTelemetry.SensorReadingRecorded;
type ReadingV2 = Reading & { [FIELD]: string | null };

/**
 * Scenario 10. Live schema evolution, on a subject of the test's own: SensorReadingRecorded v1
 * (the contract) and then v2 (v1 plus an optional `firmware_version`, default null) are registered
 * under a test-only copy of the readings topic's subject in the stack's registry, which checks v2
 * against v1 under FULL_TRANSITIVE as it would for the real subject (and refuses a v2 that adds a
 * required field). While the seeded load goes through the gateway, readings encoded with v1 and
 * with v2 (the wire format carries each one's schema id) are produced to the real
 * `telemetry.readings`, which the stock analytics-projector process — a v1 consumer — reads.
 * Expected: nothing lost: the checker finds every reading, both versions, once, with exact
 * rollups. Then the consumer upgrade: a consumer on the platform's BatchConsumer and the codec
 * with v2 as its reader schema reads the run's messages again: every v2 reading shows its
 * firmware, every v1 reading the default null.
 * The real contracts and subjects are untouched: a consumer finds a writer's schema by the id in
 * the message, whichever subject registered it. Storing the new field in ClickHouse would take a
 * migration of the projection as well; the upgraded consumer is the test's.
 */
(FULL ? describe : describe.skip)('scenario 10: live schema evolution', () => {
  let platform: Platform;
  const logger = createLogger('system-tests', 'warn');
  const registryUrl = loadConfig(kafkaConfigSchema, process.env).SCHEMA_REGISTRY_URL;
  const spec = TOPICS.find((t) => t.topic === TOPIC)!;
  const testTopic = uniqueName('sys-evo');
  const v1Schema = new EventCodec({
    registryUrl,
    topics: [{ ...spec, topic: testTopic }],
  }).schemaOf(testTopic) as { fields: unknown[] };
  const withField = (field: Record<string, unknown>): AvroSchema =>
    ({ ...v1Schema, fields: [...v1Schema.fields, field] }) as unknown as AvroSchema;
  const v2Schema = withField({
    name: FIELD,
    type: ['null', 'string'],
    default: null,
    doc: 'Firmware the sensor ran.',
  });
  const testCodec = (schema?: AvroSchema) =>
    new EventCodec({
      registryUrl,
      topics: [{ ...spec, topic: testTopic }],
      ...(schema ? { schemaOverrides: { [testTopic]: schema } } : {}),
    });

  beforeAll(async () => {
    platform = await Platform.start({ name: 'schema_evolution' });
  }, 600_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('loses nothing while v2 is produced to v1 consumers, and shows the new field after the upgrade', async () => {
    // v1, then v2 under the test subject: the registry checks v2 against v1.
    const v1 = testCodec();
    const v1Id = (await v1.register()).get(testTopic)!;
    const v2 = testCodec(v2Schema);
    const v2Id = (await v2.register()).get(testTopic)!;
    expect(v2Id).not.toBe(v1Id);
    await expect(
      testCodec(withField({ name: 'required_field', type: 'string' })).register(),
    ).rejects.toThrow(IncompatibleSchemaError);

    const producer = platform.kafka.producer(IDEMPOTENT_PRODUCER);
    await producer.connect();
    // Each reading produced, by id: the firmware it was written with (v2), or null (v1).
    const sent = new Map<string, string | null>();
    const random = new Random(10);
    let batches = 0;
    try {
      await runScenario(
        {
          name: 'schema-evolution',
          load: { seed: 10, ...FULL_LOAD },
          fault: async ({ platform: p, ledger, loading }) => {
            // Every 200 ms, 20 readings written with v1 and 20 with v2, on sensors of the run.
            while (loading()) {
              const messages = [];
              const acked: AckedReading[] = [];
              for (let i = 0; i < 40; i++) {
                const n = batches * 40 + i;
                const sensor = `${p.sensorPrefix}evo-${n % 50}`;
                const id = readingIdFor(sensor, `evo-${n}`);
                const at = new Date(Date.now() - 3_600_000 + n);
                const reading: Reading = {
                  metadata: eventMetadata({
                    eventId: id,
                    occurredAt: at,
                    ingestedAt: new Date(),
                    kind: 'stream',
                    reference: 'schema-evolution',
                  }),
                  reading_id: id,
                  sensor_id: sensor,
                  timestamp: at,
                  temperature: random.decimal(-20, 45, 1),
                  pressure: null,
                  humidity: random.decimal(10, 95, 1),
                  metrics: {},
                  version: 1,
                  client_id: null,
                };
                const newer = i % 2 === 1;
                const firmware = newer ? `fw-${n % 7}` : null;
                messages.push(
                  newer
                    ? v2.message(testTopic as Topic, { ...reading, [FIELD]: firmware } as never)
                    : v1.message(testTopic as Topic, reading as never),
                );
                sent.set(id, firmware);
                acked.push({
                  id,
                  sensor_id: sensor,
                  timestamp_ms: at.getTime(),
                  temperature: reading.temperature,
                  pressure: null,
                  humidity: reading.humidity,
                });
              }
              ledger.markSent(acked.map((a) => a.id));
              await producer.send({ topic: TOPIC, messages, acks: -1 });
              ledger.record(acked);
              batches++;
              await new Promise((resolve) => setTimeout(resolve, 200));
            }
            return { v1SchemaId: v1Id, v2SchemaId: v2Id, evolvedReadings: sent.size };
          },
        },
        platform,
      );
    } finally {
      await producer.disconnect();
    }

    // The consumer upgrade: the platform's consumer with v2 as the reader schema of the real topic.
    const upgraded = new EventCodec({
      registryUrl,
      topics: [spec],
      schemaOverrides: { [TOPIC]: v2Schema },
    });
    const seen = new Map<string, string | null>();
    const group = uniqueName('sys-evo-upgraded');
    const admin = platform.kafka.admin();
    await admin.connect();
    const start = platform.startOffsets.filter((o) => o.topic === TOPIC);
    await admin.setOffsets({
      groupId: group,
      topic: TOPIC,
      partitions: start.map(({ partition, offset }) => ({ partition, offset })),
    });
    await admin.disconnect();
    const ends = await topicEnds(platform.kafka, [TOPIC]);
    const consumer = new BatchConsumer(
      platform.kafka,
      {
        groupId: group,
        topics: [TOPIC],
        maxChunk: 1_000,
        handler: async (messages) => {
          for (const message of messages) {
            const decoded = await decodeEvents(upgraded, message, false);
            if (!('events' in decoded)) throw new Error(`undecodable: ${decoded.reason}`);
            for (const event of decoded.events as unknown as ReadingV2[])
              if (sent.has(event.reading_id)) seen.set(event.reading_id, event[FIELD]);
          }
          return [];
        },
      },
      logger,
    );
    await consumer.start();
    try {
      await waitFor(
        'the upgraded consumer to read to the end',
        async () => {
          const a = platform.kafka.admin();
          await a.connect();
          try {
            const [committed] = await a.fetchOffsets({ groupId: group, topics: [TOPIC] });
            const at = new Map(committed!.partitions.map((p) => [p.partition, BigInt(p.offset)]));
            return ends.every((e) => (at.get(e.partition) ?? -1n) >= BigInt(e.offset))
              ? true
              : undefined;
          } finally {
            await a.disconnect();
          }
        },
        { timeoutMs: 180_000, intervalMs: 500 },
      );
    } finally {
      await consumer.stop();
    }
    annotateResult('schema-evolution', {
      upgradedConsumerRead: seen.size,
      withNewField: [...seen.values()].filter((v) => v !== null).length,
    });
    expect(seen.size).toBe(sent.size);
    expect([...seen.entries()].filter(([id, v]) => sent.get(id) !== v)).toEqual([]);
    expect([...sent.values()].filter((v) => v !== null).length).toBeGreaterThan(0);
  });
});
