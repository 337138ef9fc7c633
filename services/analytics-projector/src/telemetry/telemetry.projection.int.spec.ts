import { ANALYTICS_MIGRATIONS } from '@tributary/read-models';
import {
  batchOfEvents,
  IDEMPOTENT_PRODUCER,
  type AnyEvent,
  type Batch,
  type Topic,
} from '@tributary/contracts';
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
      '0002_telemetry_minutes',
      '0003_telemetry_client_id',
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

describe('telemetry projection of reading batches', () => {
  const bed = telemetryTestBed('projector_batches');
  const { logger, topics, sensor, rows } = bed;
  const { r1, r2, r3, r2corrected, expectedReadings, expectedHourly, expectedDaily } =
    telemetryScenario(sensor);

  it('projects batches as it projects events: the same batch twice, a poison item, a correction, a per-event producer, a replay', async () => {
    const { kafka, client, codec } = bed;
    await runClickHouseMigrations(client, MIGRATIONS, logger);
    const batch = (events: AnyEvent[], id: string) =>
      codec.encode(
        topics.recordedBatches as Topic,
        batchOfEvents(events, id, 'sensor_id') as never,
      );
    // Before 1970: no ClickHouse DateTime holds it, so this reading alone is dead-lettered.
    const poison = {
      ...r3,
      metadata: { ...r3.metadata, event_id: '00000000-0000-4000-8000-0000000000aa' },
      reading_id: '00000000-0000-4000-8000-0000000000aa',
      timestamp: new Date('1960-01-01T00:00:00.000Z'),
    };
    const sent = [
      {
        topic: topics.recordedBatches,
        value: batch([r1, r2], '00000000-0000-4000-8000-00000000ba01'),
      },
      // Delivered twice, as a producer retrying after a lost ack would.
      {
        topic: topics.recordedBatches,
        value: batch([r1, r2], '00000000-0000-4000-8000-00000000ba01'),
      },
      {
        topic: topics.recordedBatches,
        value: batch([poison, r3], '00000000-0000-4000-8000-00000000ba02'),
      },
      // The same reading from an external producer publishing events one by one.
      { topic: topics.recorded, value: codec.encode(topics.recorded as Topic, r1 as never) },
      {
        topic: topics.corrected,
        value: codec.encode(topics.corrected as Topic, r2corrected as never),
      },
    ];
    const producer = kafka.producer(IDEMPOTENT_PRODUCER);
    await producer.connect();
    for (const { topic, value } of sent)
      await producer.send({ topic, acks: -1, messages: [{ key: sensor, value }] });
    await producer.disconnect();

    const deadLetters: { code: string; reason: string; item: string; items: unknown[] }[] = [];
    const dlqConsumer = kafka.consumer({ groupId: uniqueName('dlq-reader') });
    await dlqConsumer.connect();
    await dlqConsumer.subscribe({ topic: `${topics.recordedBatches}.dlq`, fromBeginning: true });
    await dlqConsumer.run({
      eachMessage: async ({ message }) => {
        const h = message.headers ?? {};
        const alone = (await codec.decode(
          topics.recordedBatches as Topic,
          message.value!,
        )) as unknown as Batch;
        deadLetters.push({
          code: String(h['dlq.code']),
          reason: String(h['dlq.reason']),
          item: String(h['dlq.item']),
          items: alone.items.map((item) => item.meta.event_id),
        });
      },
    });

    /** A projector of a group of its own, from the topics' start, until every reading is in. */
    const project = async (deadLettersExpected: number) => {
      const projector = new BatchConsumer(
        kafka,
        {
          groupId: uniqueName('projector'),
          topics: [topics.recorded, topics.recordedBatches, topics.corrected],
          handler: telemetryHandler(codec, new ClickHouseTelemetryStore(client), topics),
          maxChunk: 500,
        },
        logger,
      );
      await projector.start();
      try {
        await waitFor('r3 and the correction to be projected', async () => {
          const [row] = await rows<{ n: number; corrected: number }>(
            `SELECT count() AS n, countIf(version = 2) AS corrected FROM telemetry_readings FINAL`,
          );
          return row?.n === 3 && row.corrected === 1 ? true : undefined;
        });
        await waitFor('the poison item in the DLQ', async () =>
          deadLetters.length === deadLettersExpected ? true : undefined,
        );
      } finally {
        await projector.stop();
      }
    };
    try {
      await project(1);
    } catch (error) {
      await dlqConsumer.disconnect();
      throw error;
    }

    expect(deadLetters).toEqual([
      {
        code: 'PROJECTION.OUT_OF_RANGE',
        reason: `${topics.recordedBatches} item 0: timestamp: 1960-01-01T00:00:00.000Z is outside ClickHouse DateTime's range (1970-01-01 to 2105-12-31)`,
        item: '0',
        items: [poison.metadata.event_id],
      },
    ]);
    // Exactly what the same readings sent one by one give (the scenario's hand-computed rows).
    expect(await rows(READINGS_QUERY)).toEqual(expectedReadings);
    expect(await rows(HOURLY_QUERY)).toEqual(expectedHourly);
    expect(await rows(DAILY_QUERY)).toEqual(expectedDaily);

    // A replay into emptied tables (a rebuild) gives the same readings and rollups again.
    for (const table of ['telemetry_readings', 'telemetry_minutes', 'telemetry_sensor_hours'])
      await client.command({ query: `TRUNCATE TABLE ${table}` });
    try {
      await project(2);
    } finally {
      await dlqConsumer.disconnect();
    }
    expect(await rows(READINGS_QUERY)).toEqual(expectedReadings);
    expect(await rows(HOURLY_QUERY)).toEqual(expectedHourly);
    expect(await rows(DAILY_QUERY)).toEqual(expectedDaily);
  });
});
