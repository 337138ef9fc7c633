import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { createTopicsWithLeaders, IDEMPOTENT_PRODUCER } from '@tributary/contracts';
import { type Kafka } from 'kafkajs';
import { createLogger } from '../logging/logger';
import { stackConfig, uniqueName, waitFor } from '@tributary/testing';
import { createKafka } from './kafka-client.factory';
import { kafkaConfigSchema } from './kafka.config';

const config = stackConfig(kafkaConfigSchema);
const logger = createLogger('platform-test', 'warn');

const readingSchema = {
  type: 'record',
  name: 'SmokeReadingRecorded',
  namespace: 'tributary.smoke',
  fields: [
    { name: 'sensor_id', type: 'string' },
    { name: 'temperature', type: 'double' },
  ],
};

describe('Kafka with Avro through the schema registry', () => {
  let kafka: Kafka;
  const registry = new SchemaRegistry({ host: config.SCHEMA_REGISTRY_URL });

  beforeAll(() => {
    kafka = createKafka(config, 'platform-int-test', logger);
  });

  it('produces and consumes a record in the Confluent wire format', async () => {
    const topic = uniqueName('smoke.readings');
    const admin = kafka.admin();
    await admin.connect();
    try {
      await createTopicsWithLeaders(admin, [{ topic, numPartitions: 1 }]);
    } finally {
      // Also when creating fails: an open admin would keep jest from exiting.
      await admin.disconnect();
    }

    // Subjects follow Confluent's TopicNameStrategy (`<topic>-value`), not the client's default.
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(readingSchema) },
      { subject: `${topic}-value` },
    );
    const value = await registry.encode(id, { sensor_id: 'greenhouse-7', temperature: 21.5 });

    const producer = kafka.producer(IDEMPOTENT_PRODUCER);
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'greenhouse-7', value }] });
    await producer.disconnect();

    const received: Buffer[] = [];
    const consumer = kafka.consumer({ groupId: uniqueName('smoke-group') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value) received.push(message.value);
      },
    });
    try {
      const raw = await waitFor('the record to be consumed', async () => received[0]);
      // Confluent wire format: magic byte 0, then the schema id as a big-endian 32-bit integer.
      expect(raw[0]).toBe(0);
      expect(raw.readInt32BE(1)).toBe(id);
      expect(await registry.decode(raw)).toEqual({ sensor_id: 'greenhouse-7', temperature: 21.5 });
    } finally {
      await consumer.disconnect();
    }
  });

  it('refuses to encode a value that does not match the schema', async () => {
    const subject = `${uniqueName('smoke.invalid')}-value`;
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(readingSchema) },
      { subject },
    );
    // The client names the Avro type, not the field; @tributary/contracts' codec names fields.
    await expect(registry.encode(id, { sensor_id: 'x', temperature: 'warm' })).rejects.toThrow(
      'invalid "double": "warm"',
    );
  });
});
