import { EventCodec, VALID_EVENTS, type TributaryTelemetry } from '@tributary/contracts';
import { readFrom, stackConfig, topicEnd, uniqueName, waitFor } from '@tributary/testing';
import { EventBusUnavailableError } from '../events/event-bus';
import { createLogger } from '../logging/logger';
import { createKafka } from './kafka-client.factory';
import { KafkaEventBus } from './kafka-event-bus';
import { kafkaConfigSchema } from './kafka.config';

const config = stackConfig(kafkaConfigSchema);
const logger = createLogger('platform-test', 'warn');

function readingOf(sensor: string, n: number): TributaryTelemetry.SensorReadingRecorded {
  const id = `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    ...VALID_EVENTS['telemetry.readings'],
    metadata: { ...VALID_EVENTS['telemetry.readings'].metadata, event_id: id },
    reading_id: id,
    sensor_id: sensor,
  };
}

describe('KafkaEventBus', () => {
  it('publishes concurrent callers’ events over two producers, keyed by the catalog key, in order per key', async () => {
    const kafka = createKafka(config, 'event-bus-test', logger);
    const bus = new KafkaEventBus(
      kafka,
      new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL }),
      logger,
      {
        sendTimeoutMs: 10_000,
        producers: 2,
      },
    );
    await bus.connect();
    const start = await topicEnd(kafka, 'telemetry.readings');
    const sensors = [uniqueName('bus-a'), uniqueName('bus-b'), uniqueName('bus-c')];
    try {
      await Promise.all(
        sensors.map((sensor, i) =>
          bus.publish('telemetry.readings', [readingOf(sensor, i), readingOf(sensor, i + 10)]),
        ),
      );
    } finally {
      await bus.disconnect();
    }

    const seen = new Map<string, string[]>();
    const consumer = await readFrom(kafka, start, async (message) => {
      const key = message.key?.toString() ?? '';
      if (sensors.includes(key))
        seen.set(key, [...(seen.get(key) ?? []), String(message.headers?.['event_id'])]);
    });
    try {
      await waitFor('six events', async () =>
        [...seen.values()].flat().length === 6 ? true : undefined,
      );
    } finally {
      await consumer.disconnect();
    }
    expect(Object.fromEntries(seen)).toEqual({
      [sensors[0]!]: [
        '10000000-0000-4000-8000-000000000000',
        '10000000-0000-4000-8000-000000000010',
      ],
      [sensors[1]!]: [
        '10000000-0000-4000-8000-000000000001',
        '10000000-0000-4000-8000-000000000011',
      ],
      [sensors[2]!]: [
        '10000000-0000-4000-8000-000000000002',
        '10000000-0000-4000-8000-000000000012',
      ],
    });
  });

  it('splits what callers queue at once into requests the broker accepts', async () => {
    const kafka = createKafka(config, 'event-bus-test', logger);
    const bus = new KafkaEventBus(
      kafka,
      new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL }),
      logger,
      { sendTimeoutMs: 30_000 },
    );
    await bus.connect();
    // One key, so one partition: 4 callers × 3,000 readings of ~400 bytes each (with headers)
    // are ~4.8 MB for one partition, several times the broker's 1 MiB per batch.
    const sensor = uniqueName('bus-big');
    const start = await topicEnd(kafka, 'telemetry.readings');
    try {
      await Promise.all(
        [0, 1, 2, 3].map((caller) =>
          bus.publish(
            'telemetry.readings',
            Array.from({ length: 3_000 }, (_, i) => readingOf(sensor, caller * 3_000 + i)),
          ),
        ),
      );
    } finally {
      await bus.disconnect();
    }
    let count = 0;
    const consumer = await readFrom(kafka, start, async (message) => {
      if (message.key?.toString() === sensor) count++;
    });
    try {
      await waitFor('12,000 events', async () => (count === 12_000 ? true : undefined));
    } finally {
      await consumer.disconnect();
    }
  });

  it('fails a publish Kafka cannot take with a retriable EventBusUnavailableError', async () => {
    const codec = new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL });
    await codec.register();
    // Never connected: the producer refuses to send, as it does while Kafka is unreachable.
    const bus = new KafkaEventBus(createKafka(config, 'event-bus-test', logger), codec, logger, {
      sendTimeoutMs: 5_000,
    });
    const failure = await bus
      .publish('telemetry.readings', [readingOf('s', 1)])
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EventBusUnavailableError);
    expect(failure).toMatchObject({ code: 'EVENTS.UNAVAILABLE', retriable: true });
  });
});

describe('KafkaEventBus with an invalid event', () => {
  it('rejects with the contract error naming the field, and sends nothing', async () => {
    const codec = new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL });
    await codec.register();
    const bus = new KafkaEventBus(createKafka(config, 'event-bus-test', logger), codec, logger, {
      sendTimeoutMs: 5_000,
    });
    const bad = {
      ...readingOf('s', 1),
      temperature: 'warm',
    } as unknown as TributaryTelemetry.SensorReadingRecorded;
    await expect(bus.publish('telemetry.readings', [bad])).rejects.toMatchObject({
      code: 'CONTRACT.INVALID_EVENT',
      message:
        'invalid telemetry.readings event: temperature: expected null or a number, got "warm"',
    });
  });
});
