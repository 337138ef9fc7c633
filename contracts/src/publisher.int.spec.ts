import { stackConfig, uniqueName, waitFor } from '@tributary/testing';
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import { EventCodec } from './codec';
import { EventPublisher } from './publisher';

const config = stackConfig(
  z.object({ KAFKA_BROKERS: z.string().min(1), SCHEMA_REGISTRY_URL: z.string().url() }),
);

describe('EventPublisher (external producers)', () => {
  it('publishes a valid reading to the provisioned topic, keyed and with envelope headers', async () => {
    const brokers = config.KAFKA_BROKERS.split(',');
    const publisher = await EventPublisher.connect({
      brokers,
      registryUrl: config.SCHEMA_REGISTRY_URL,
      clientId: 'contracts-test-producer',
    });
    const sensorId = uniqueName('sensor');
    const metadata = publisher.metadata(new Date('2026-11-22T09:00:00.000Z'));
    const reading = {
      metadata,
      reading_id: metadata.event_id,
      sensor_id: sensorId,
      timestamp: new Date('2026-11-22T09:00:00.000Z'),
      temperature: 19.25,
      pressure: null,
      humidity: 55,
      metrics: {},
      version: 1,
    };
    await publisher.publish('telemetry.readings', [reading]);
    await publisher.disconnect();

    const kafka = new Kafka({ clientId: 'contracts-test', brokers, logLevel: logLevel.WARN });
    const consumer = kafka.consumer({ groupId: uniqueName('publisher-test') });
    const codec = new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL });
    let found: { key: string; headers: Record<string, string>; value: unknown } | undefined;
    await consumer.connect();
    await consumer.subscribe({ topic: 'telemetry.readings', fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() !== sensorId || !message.value) return;
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
        );
        found = {
          key: sensorId,
          headers,
          value: await codec.decode('telemetry.readings', message.value),
        };
      },
    });
    try {
      const message = await waitFor('the published reading', async () => found, {
        timeoutMs: 60_000,
      });
      expect(message.headers).toEqual({ event_id: metadata.event_id, source: 'stream' });
      expect(message.value).toEqual({
        ...reading,
        metadata: {
          ...metadata,
          source: { kind: 'stream', reference: 'contracts-test-producer', row_number: null },
        },
      });
    } finally {
      await consumer.disconnect();
    }
  });
});
