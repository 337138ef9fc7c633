import { randomUUID } from 'node:crypto';
import { stackConfig, uniqueName, waitFor } from '@tributary/testing';
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import { type Batch } from './batches';
import { TOPICS, type TopicSpec } from './catalog';
import { EventCodec, type Topic } from './codec';
import { IncompatibleSchemaError, InvalidEventError, UndecodableMessageError } from './errors';
import { INVALID_EVENTS, VALID_EVENTS } from './fixtures';
import { type AvroSchema } from './schemas';
import { IDEMPOTENT_PRODUCER } from './kafkajs-node24';
import { ensureTopics } from './topics-admin';

const config = stackConfig(
  z.object({ KAFKA_BROKERS: z.string().min(1), SCHEMA_REGISTRY_URL: z.string().url() }),
);
const kafka = new Kafka({
  clientId: 'contracts-int-test',
  brokers: config.KAFKA_BROKERS.split(','),
  logLevel: logLevel.WARN,
});

/** The catalog with every topic renamed under a unique prefix, so each run has its own. */
function isolatedCatalog(prefix: string, specs: readonly TopicSpec[] = TOPICS): TopicSpec[] {
  return specs.map((spec) => ({ ...spec, topic: `${prefix}.${spec.topic}` }));
}

async function consumeAll(topics: string[], count: number): Promise<Map<string, Buffer>> {
  const received = new Map<string, Buffer>();
  const consumer = kafka.consumer({ groupId: uniqueName('contracts-test') });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      if (message.value) received.set(topic, message.value);
    },
  });
  try {
    await waitFor(`${count} records`, async () => (received.size >= count ? true : undefined), {
      timeoutMs: 60_000,
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

describe('EventCodec against the real registry and broker', () => {
  const admin = kafka.admin();
  beforeAll(() => admin.connect());
  afterAll(() => admin.disconnect());

  it('round-trips a fixture of every event type through the registry and Kafka', async () => {
    const prefix = uniqueName('rt');
    const catalog = isolatedCatalog(prefix);
    const created = await ensureTopics(admin, catalog);
    expect(created.created).toHaveLength(catalog.length * 2); // each topic and its DLQ

    const codec = new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL, topics: catalog });
    const ids = await codec.register();
    expect(ids.size).toBe(catalog.length);

    const producer = kafka.producer(IDEMPOTENT_PRODUCER);
    await producer.connect();
    for (const spec of TOPICS) {
      const topic = `${prefix}.${spec.topic}`;
      const value = codec.encode(topic as Topic, VALID_EVENTS[spec.topic as Topic]);
      expect(value[0]).toBe(0);
      expect(value.readInt32BE(1)).toBe(ids.get(topic));
      await producer.send({ topic, acks: -1, messages: [{ key: 'k', value }] });
    }
    await producer.disconnect();

    const received = await consumeAll(
      catalog.map((s) => s.topic),
      catalog.length,
    );
    for (const spec of TOPICS) {
      const topic = `${prefix}.${spec.topic}`;
      expect(await codec.decode(topic as Topic, received.get(topic)!)).toEqual(
        VALID_EVENTS[spec.topic as Topic],
      );
    }
  });

  it('ensureTopics is idempotent and restores drifted config', async () => {
    const catalog = isolatedCatalog(uniqueName('idem'), TOPICS.slice(0, 2));
    await ensureTopics(admin, catalog);
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: 2,
          name: catalog[0]!.topic,
          configEntries: [{ name: 'retention.ms', value: '1000' }],
        },
      ],
    });
    // Config changes go through the KRaft controller; wait until the broker reports the drift.
    await waitFor('the altered retention to be visible', async () => {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: 2, name: catalog[0]!.topic, configNames: ['retention.ms'] }],
      });
      return resources[0]?.configEntries[0]?.configValue === '1000' ? true : undefined;
    });
    const again = await ensureTopics(admin, catalog);
    expect(again).toEqual({
      created: [],
      reconfigured: [catalog[0]!.topic],
      repartitioned: [],
      unchanged: [`${catalog[0]!.topic}.dlq`, catalog[1]!.topic, `${catalog[1]!.topic}.dlq`],
    });
  });

  describe('schema evolution', () => {
    const base = TOPICS.find((t) => t.topic === 'energy.usage')!;
    const v1Codec = (topic: string) =>
      new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL, topics: [{ ...base, topic }] });
    const withFields = (topic: string, edit: (fields: { name: string }[]) => unknown[]) => {
      const v1 = v1Codec(topic).schemaOf(topic) as { fields: { name: string }[] };
      return { ...v1, fields: edit(v1.fields) } as unknown as AvroSchema;
    };

    it('accepts a new optional field with a default, and a v1 consumer reads the v2 record', async () => {
      const topic = uniqueName('evo.energy.usage');
      await v1Codec(topic).register();
      const v2 = new EventCodec({
        registryUrl: config.SCHEMA_REGISTRY_URL,
        topics: [{ ...base, topic }],
        schemaOverrides: {
          [topic]: withFields(topic, (fields) => [
            ...fields,
            {
              name: 'meter_id',
              type: ['null', 'string'],
              default: null,
              doc: 'Meter that read it.',
            },
          ]),
        },
      });
      const ids = await v2.register();

      const v2Event = { ...VALID_EVENTS['energy.usage'], meter_id: 'm-77' };
      const bytes = v2.encode(topic as Topic, v2Event as never);
      expect(bytes.readInt32BE(1)).toBe(ids.get(topic));

      const v1 = v1Codec(topic);
      await v1.register(); // the v1 schema is already registered: same id, no new version
      expect(await v1.decode(topic as 'energy.usage', bytes)).toEqual(VALID_EVENTS['energy.usage']);
      // …and the v2 consumer reads a record written with v1.
      const v1Bytes = v1.encode(topic as 'energy.usage', VALID_EVENTS['energy.usage']);
      expect(await v2.decode(topic as Topic, v1Bytes)).toEqual({
        ...VALID_EVENTS['energy.usage'],
        meter_id: null,
      });
    });

    it('refuses a schema that removes a required field', async () => {
      const topic = uniqueName('evo.energy.usage');
      await v1Codec(topic).register();
      const withoutUsage = new EventCodec({
        registryUrl: config.SCHEMA_REGISTRY_URL,
        topics: [{ ...base, topic }],
        schemaOverrides: {
          [topic]: withFields(topic, (fields) => fields.filter((f) => f.name !== 'usage_kwh')),
        },
      });
      await expect(withoutUsage.register()).rejects.toThrow(IncompatibleSchemaError);
    });
  });

  it('refuses to encode an invalid payload, naming the field', async () => {
    const topic = uniqueName('inv.energy.usage');
    const base = TOPICS.find((t) => t.topic === 'energy.usage')!;
    const codec = new EventCodec({
      registryUrl: config.SCHEMA_REGISTRY_URL,
      topics: [{ ...base, topic }],
    });
    await codec.register();
    const bad = { ...VALID_EVENTS['energy.usage'], usage_kwh: 'lots' };
    expect(() => codec.encode(topic as 'energy.usage', bad as never)).toThrow(InvalidEventError);
    expect(() => codec.encode(topic as 'energy.usage', bad as never)).toThrow(
      'invalid ' + topic + ' event: usage_kwh: expected a number, got "lots"',
    );
  });

  it('without the check before encoding writes the same bytes, and still names every bad field', async () => {
    const prefix = uniqueName('unchecked');
    const names = [...new Set(INVALID_EVENTS.map((c) => c.topic))];
    const topics = names.map((name) => ({
      ...TOPICS.find((t) => t.topic === name)!,
      topic: `${prefix}.${name}`,
    }));
    const registryUrl = config.SCHEMA_REGISTRY_URL;
    const checked = new EventCodec({ registryUrl, topics });
    const unchecked = new EventCodec({ registryUrl, topics, checkBeforeEncoding: false });
    await checked.register();
    await unchecked.lookUpIds(topics.map((t) => t.topic));
    for (const name of names) {
      const topic = `${prefix}.${name}` as Topic;
      const event = VALID_EVENTS[name] as never;
      expect(unchecked.encode(topic, event)).toEqual(checked.encode(topic, event));
    }
    for (const { topic: name, event, problems } of INVALID_EVENTS) {
      const topic = `${prefix}.${name}` as Topic;
      const refusal = (() => {
        try {
          unchecked.encode(topic, event as never);
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(refusal).toBeInstanceOf(InvalidEventError);
      expect((refusal as InvalidEventError).problems).toEqual(problems);
    }
  });

  it('refuses to decode bytes that are not in the wire format, or name an unknown schema id', async () => {
    const codec = new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL });
    await expect(codec.decode('energy.usage', Buffer.from('{"json":true}'))).rejects.toThrow(
      UndecodableMessageError,
    );
    const unknownId = Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 0x02]);
    await expect(codec.decode('energy.usage', unknownId)).rejects.toThrow(
      'energy.usage: schema id 2147483632 is unknown to the registry',
    );
  });

  it('looks up the id a schema was registered under without registering, and says when it never was', async () => {
    const topic = uniqueName('lookup.energy.usage-batches');
    const base = TOPICS.find((t) => t.topic === 'energy.usage-batches')!;
    const spec = { ...base, topic };
    const provisioned = new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL, topics: [spec] });
    const consumer = new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL, topics: [spec] });
    await expect(consumer.lookUpIds([topic])).rejects.toMatchObject({
      code: 'CONTRACT.NOT_REGISTERED',
      retriable: false,
    });
    const ids = await provisioned.register();
    await consumer.lookUpIds([topic]);
    const batch = VALID_EVENTS['energy.usage-batches'];
    const wire = consumer.encode(topic as Topic, batch as never);
    expect(wire.readInt32BE(1)).toBe(ids.get(topic));
    expect(await provisioned.decode(topic as Topic, wire)).toEqual(batch);
  });

  /** A codec serving a renamed copy of energy.usage and its batch twin, registered. */
  async function renamedEnergyUsage(prefix: string) {
    const topic = uniqueName(prefix);
    const base = TOPICS.find((t) => t.topic === 'energy.usage')!;
    const twin = TOPICS.find((t) => t.topic === 'energy.usage-batches')!;
    const codec = new EventCodec({
      registryUrl: config.SCHEMA_REGISTRY_URL,
      topics: [
        { ...base, topic },
        { ...twin, topic: `${topic}-batches` },
      ],
    });
    const ids = await codec.register();
    return { topic, codec, ids };
  }

  it('cuts a partition’s events into batches in order, a new one where the envelope changes', async () => {
    const { topic, codec } = await renamedEnergyUsage('runs.energy.usage');
    const usage = VALID_EVENTS['energy.usage'];
    const of = (n: number, reference: string) => ({
      ...usage,
      metadata: {
        ...usage.metadata,
        event_id: `00000000-0000-4000-8000-00000000000${n}`,
        source: { ...usage.metadata.source, reference },
      },
    });
    // One user (one partition): jobs A, B, then A again. Grouping A's events together would put
    // the third before the second.
    const events = [of(1, 'job-a'), of(2, 'job-a'), of(3, 'job-b'), of(4, 'job-a')];
    const messages = codec.batchMessages(topic as 'energy.usage', events, randomUUID, {
      maxItems: 1_000,
      maxBytes: 1e6,
    });
    const batches = await Promise.all(
      messages.map(
        async (m) => (await codec.decode(`${topic}-batches` as Topic, m.value)) as unknown as Batch,
      ),
    );
    expect(
      batches.map((b) => [b.batch.source.reference, b.items.map((i) => i.meta.event_id.slice(-1))]),
    ).toEqual([
      ['job-a', ['1', '2']],
      ['job-b', ['3']],
      ['job-a', ['4']],
    ]);
    expect(new Set(messages.map((m) => m.partition)).size).toBe(1);
  });

  it('encodes a batch larger than its scratch buffer, then a small event after it, each decoding to exactly what went in', async () => {
    const { topic, codec, ids } = await renamedEnergyUsage('scratch.energy.usage');
    const usage = VALID_EVENTS['energy.usage'];
    // 10,000 items: well past the 64 KiB the scratch buffer starts with. One user, so one
    // partition and one batch.
    const events = Array.from({ length: 10_000 }, () => ({
      ...usage,
      metadata: { ...usage.metadata, event_id: randomUUID() },
    }));
    const [large] = codec.batchMessages(topic as 'energy.usage', events, randomUUID, {
      maxItems: 10_000,
      maxBytes: 1e6,
    });
    const small = codec.encode(topic as 'energy.usage', usage);
    expect(large!.value.length).toBeGreaterThan(64 * 1024);
    const batch = (await codec.decode(
      `${topic}-batches` as Topic,
      large!.value,
    )) as unknown as Batch;
    expect(batch.items.map((item) => item.meta.event_id)).toEqual(
      events.map((event) => event.metadata.event_id),
    );
    expect(small.readInt32BE(1)).toBe(ids.get(topic));
    expect(await codec.decode(topic as 'energy.usage', small)).toEqual(usage);
  });
});
