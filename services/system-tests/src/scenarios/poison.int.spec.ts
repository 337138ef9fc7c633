import { IDEMPOTENT_PRODUCER } from '@tributary/contracts';
import { readFrom, type TopicPosition } from '@tributary/testing';
import { type KafkaMessage } from 'kafkajs';
import { Platform, topicEnds } from '../platform';
import { FULL, FULL_LOAD, runScenario } from './scenario';

const TOPIC = 'telemetry.readings-batches';
const DLQ = `${TOPIC}.dlq`;
const MARK = 'system-test-poison';

/** The registry's id of the topic's current value schema. */
async function schemaIdOf(subject: string): Promise<number> {
  const registry = process.env['SCHEMA_REGISTRY_URL'];
  const response = await fetch(`${registry}/subjects/${subject}/versions/latest`);
  if (!response.ok) throw new Error(`registry: ${subject}: ${response.status}`);
  return ((await response.json()) as { id: number }).id;
}

/** Kinds of poison, each a message no consumer can ever project. */
function poisons(schemaId: number): { kind: string; value: Buffer | null }[] {
  const header = (id: number) => {
    const b = Buffer.alloc(5);
    b.writeUInt8(0, 0);
    b.writeInt32BE(id, 1);
    return b;
  };
  return [
    { kind: 'not-wire-format', value: Buffer.from('{"sensor_id":"x","temperature":1}') },
    {
      kind: 'unknown-schema-id',
      value: Buffer.concat([header(2_000_000_001), Buffer.from([2, 4, 6])]),
    },
    // The topic's own schema, then Avro that ends mid-record.
    { kind: 'truncated-avro', value: Buffer.concat([header(schemaId), Buffer.from([0x80])]) },
    { kind: 'empty', value: Buffer.alloc(0) },
  ];
}

/**
 * Scenario 8. Poison — messages no consumer can decode — is produced into every partition of the
 * readings' batch topic while readings come in through the gateway. Expected: every poison
 * message in `telemetry.readings-batches.dlq` (with its code and reason), nothing else there from
 * this run, every partition committed to its end (no stall), and every acknowledged reading
 * projected exactly once.
 */
describe('scenario 8: poison messages mixed into a topic', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await Platform.start({ name: 'poison' });
  }, 600_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('dead-letters every poison message and stalls no partition', async () => {
    const dlqStart: TopicPosition = {
      topic: DLQ,
      offsets: (await topicEnds(platform.kafka, [DLQ])).map(({ partition, offset }) => ({
        partition,
        offset,
      })),
    };
    const schemaId = await schemaIdOf(`${TOPIC}-value`);
    const partitions = (await topicEnds(platform.kafka, [TOPIC])).map((p) => p.partition);
    const rounds = FULL ? 10 : 2;
    /** Each poison message's mark, and the partition it went to. */
    const sent = new Map<string, number>();

    const { result } = await runScenario(
      {
        name: 'poison',
        load: FULL
          ? { seed: 8, ...FULL_LOAD }
          : {
              seed: 8,
              readings: 8_000,
              sensors: 16,
              batchSize: 200,
              concurrency: 2,
              batchesPerSecond: 5,
            },
        fault: async ({ platform: p }) => {
          const producer = p.kafka.producer(IDEMPOTENT_PRODUCER);
          await producer.connect();
          try {
            for (let round = 0; round < rounds; round++) {
              await new Promise((resolve) => setTimeout(resolve, 1_500));
              const messages = partitions.flatMap((partition) =>
                poisons(schemaId).map(({ kind, value }) => {
                  const mark = `${p.sensorPrefix}${round}-${partition}-${kind}`;
                  sent.set(mark, partition);
                  return { partition, key: mark, value, headers: { [MARK]: mark } };
                }),
              );
              await producer.send({ topic: TOPIC, acks: -1, messages });
            }
          } finally {
            await producer.disconnect();
          }
          return { poisonMessages: sent.size, partitions: partitions.length };
        },
      },
      platform,
    );
    expect(result.check.ok).toBe(true);

    // The drain above already proved every partition committed past its poison.
    const dead = new Map<string, Record<string, string>>();
    const reader = await readFrom(platform.kafka, dlqStart, async (message: KafkaMessage) => {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
      );
      const mark = headers[MARK];
      if (mark?.startsWith(platform.sensorPrefix)) dead.set(mark, headers);
    });
    try {
      const deadline = Date.now() + 30_000;
      while (dead.size < sent.size && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await reader.disconnect();
    }
    expect([...dead.keys()].sort()).toEqual([...sent.keys()].sort());
    for (const [mark, headers] of dead) {
      expect(headers['dlq.topic']).toBe(TOPIC);
      expect(headers['dlq.code']).toMatch(/\S/);
      expect([mark, headers['dlq.partition']]).toEqual([mark, String(sent.get(mark))]);
    }
  });
});
