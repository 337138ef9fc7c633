import { ANALYTICS_MIGRATIONS } from '@tributary/read-models';
import { IDEMPOTENT_PRODUCER, type Topic } from '@tributary/contracts';
import {
  BatchConsumer,
  readClickHouseMigrations,
  runClickHouseMigrations,
  type ConsumedMessage,
} from '@tributary/platform';
import { uniqueName, waitFor } from '@tributary/testing';
import { ClickHouseTelemetryStore } from './telemetry.clickhouse-store';
import { telemetryHandler } from './telemetry.handler';
import { telemetryTestBed } from './telemetry.test-bed';
import {
  DAILY_QUERY,
  HOURLY_QUERY,
  READINGS_QUERY,
  telemetryScenario,
} from './telemetry.test-data';

const MIGRATIONS = readClickHouseMigrations(ANALYTICS_MIGRATIONS.telemetry);

describe('telemetry projection into ClickHouse', () => {
  const bed = telemetryTestBed('projector_test');
  const { logger, topics, sensor, rows } = bed;
  const { r1, r2, r3, r2corrected, expectedReadings, expectedHourly, expectedDaily } =
    telemetryScenario(sensor);

  it('applies its migrations once', async () => {
    expect(await runClickHouseMigrations(bed.client, MIGRATIONS, logger)).toEqual([
      '0001_telemetry_readings',
    ]);
    expect(await runClickHouseMigrations(bed.client, MIGRATIONS, logger)).toEqual([]);
  });

  it('projects readings exactly: duplicates, corrections, a crash before commit, and poison', async () => {
    const { kafka, client, codec } = bed;
    const encode = (topic: string, event: unknown) => codec.encode(topic as Topic, event as never);
    const store = new ClickHouseTelemetryStore(client);
    const handler = telemetryHandler(codec, store, topics);

    const producer = kafka.producer(IDEMPOTENT_PRODUCER);
    await producer.connect();
    const sent = [
      { topic: topics.recorded, value: encode(topics.recorded, r1) },
      { topic: topics.recorded, value: encode(topics.recorded, r2) },
      { topic: topics.recorded, value: encode(topics.recorded, r1) }, // delivered twice
      { topic: topics.recorded, value: Buffer.from('not avro at all') }, // poison
      { topic: topics.recorded, value: encode(topics.recorded, r3) },
      { topic: topics.corrected, value: encode(topics.corrected, r2corrected) },
    ];
    for (const { topic, value } of sent) {
      await producer.send({ topic, acks: -1, messages: [{ key: sensor, value }] });
    }
    await producer.disconnect();

    // A projector that wrote the first readings and died before committing: its writes are in
    // ClickHouse, its offsets are not in Kafka, so the consumer below projects them again.
    const crashed: ConsumedMessage[] = sent.slice(0, 3).map((m, i) => ({
      topic: m.topic,
      partition: 0,
      offset: String(i),
      key: Buffer.from(sensor),
      value: m.value,
      headers: {},
    }));
    expect(await handler(crashed)).toEqual([]);

    const deadLetters: { reason: string; code: string; offset: string }[] = [];
    const dlqConsumer = kafka.consumer({ groupId: uniqueName('dlq-reader') });
    await dlqConsumer.connect();
    await dlqConsumer.subscribe({ topic: `${topics.recorded}.dlq`, fromBeginning: true });
    await dlqConsumer.run({
      eachMessage: async ({ message }) => {
        const h = message.headers ?? {};
        deadLetters.push({
          code: String(h['dlq.code']),
          reason: String(h['dlq.reason']),
          offset: String(h['dlq.offset']),
        });
      },
    });

    const projector = new BatchConsumer(
      kafka,
      {
        groupId: uniqueName('projector'),
        topics: [topics.recorded, topics.corrected],
        handler,
        maxChunk: 500,
      },
      logger,
    );
    await projector.start();
    try {
      await waitFor('the correction and r3 to be projected', async () => {
        const [row] = await rows<{ n: number; corrected: number }>(
          `SELECT count() AS n, countIf(version = 2) AS corrected FROM telemetry_readings FINAL`,
        );
        return row?.n === 3 && row.corrected === 1 ? true : undefined;
      });
      await waitFor('the poison message in the DLQ', async () =>
        deadLetters.length === 1 ? true : undefined,
      );
    } finally {
      await projector.stop();
      await dlqConsumer.disconnect();
    }

    expect(deadLetters).toEqual([
      {
        code: 'CONTRACT.UNDECODABLE',
        reason: `${topics.recorded}: not in the Confluent wire format (no magic byte 0)`,
        offset: '3',
      },
    ]);
    expect(await rows(READINGS_QUERY)).toEqual(expectedReadings);
    expect(await rows(HOURLY_QUERY)).toEqual(expectedHourly);
    expect(await rows(DAILY_QUERY)).toEqual(expectedDaily);
  });
});
