import { stackConfig, uniqueName, waitFor } from '@tributary/testing';
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import { eventsOfBatch, type AnyEvent } from './batches';
import { EventCodec } from './codec';
import { type TributaryTelemetry } from './generated/events';
import { partitionOf } from './partitions';
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
      client_id: null,
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

  it('publishes readings in batches, one message per partition, each reading in its key partition', async () => {
    const brokers = config.KAFKA_BROKERS.split(',');
    const publisher = await EventPublisher.connect({
      brokers,
      registryUrl: config.SCHEMA_REGISTRY_URL,
      clientId: 'contracts-batch-producer',
    });
    const sensors = [uniqueName('sensor-a'), uniqueName('sensor-b'), uniqueName('sensor-c')];
    const at = new Date('2026-11-22T09:00:00.000Z');
    // Envelopes made milliseconds apart, as a producer's would be: publishing stamps one
    // ingested_at on the call, so they still share batches.
    const readings: TributaryTelemetry.SensorReadingRecorded[] = [];
    for (const [i, s] of [0, 1, 2, 0, 0, 1].entries()) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const metadata = publisher.metadata(new Date(at.getTime() + i * 1000));
      readings.push({
        metadata,
        reading_id: metadata.event_id,
        sensor_id: sensors[s]!,
        timestamp: new Date(at.getTime() + i * 1000),
        temperature: 20 + i,
        pressure: null,
        humidity: null,
        metrics: {},
        version: 1,
        client_id: null,
      });
    }
    // At most two a batch: sensor a's three readings (if alone in their partition) take two.
    await publisher.publishBatches('telemetry.readings', readings, { maxItems: 2, maxBytes: 1e6 });
    await publisher.disconnect();

    const kafka = new Kafka({ clientId: 'contracts-test', brokers, logLevel: logLevel.WARN });
    const consumer = kafka.consumer({ groupId: uniqueName('publisher-batch-test') });
    const codec = new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL });
    type Sent = AnyEvent & { sensor_id: string };
    const received: { partition: number; key: string; events: Sent[] }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: 'telemetry.readings-batches', fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (!message.value || !sensors.includes(message.key?.toString() ?? '')) return;
        const batch = await codec.decode('telemetry.readings-batches', message.value);
        received.push({
          partition,
          key: message.key!.toString(),
          events: eventsOfBatch(batch) as Sent[],
        });
      },
    });
    try {
      await waitFor(
        'every reading in a batch',
        async () =>
          received.flatMap((r) => r.events).length === readings.length ? true : undefined,
        { timeoutMs: 60_000 },
      );
    } finally {
      await consumer.disconnect();
    }
    for (const { partition, key, events } of received) {
      expect(events.length).toBeLessThanOrEqual(2);
      expect(events[0]).toMatchObject({ sensor_id: key });
      for (const event of events) expect(partition).toBe(partitionOf(event.sensor_id, 6));
    }
    // One ingested_at for the call, so each partition's readings took one batch (two items at most).
    const stamps = new Set(
      received.flatMap((r) => r.events.map((e) => e.metadata.ingested_at.getTime())),
    );
    expect(stamps.size).toBe(1);
    const partitions = new Set(sensors.map((sensor) => partitionOf(sensor, 6)));
    expect(received.length).toBe(
      [...partitions].reduce(
        (n, p) =>
          n + Math.ceil(readings.filter((r) => partitionOf(r.sensor_id, 6) === p).length / 2),
        0,
      ),
    );
    // Each sensor's readings arrive whole and in order, exactly as published (a stream source).
    for (const sensor of sensors) {
      const arrived = received.flatMap((r) => r.events).filter((e) => e.sensor_id === sensor);
      const sent = readings
        .filter((r) => r.sensor_id === sensor)
        .map((r) => ({
          ...r,
          metadata: {
            ...r.metadata,
            ingested_at: expect.any(Date),
            source: { kind: 'stream', reference: 'contracts-batch-producer', row_number: null },
          },
        }));
      expect(arrived).toEqual(sent);
    }
  });
});
