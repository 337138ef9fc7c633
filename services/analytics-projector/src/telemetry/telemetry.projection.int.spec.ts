import { join } from 'node:path';
import { type ClickHouseClient } from '@clickhouse/client';
import {
  EventCodec,
  ensureTopics,
  IDEMPOTENT_PRODUCER,
  TOPICS,
  VALID_EVENTS,
  type Topic,
  type TopicSpec,
  type TributaryTelemetry,
} from '@tributary/contracts';
import {
  BatchConsumer,
  ch,
  clickHouseConfigSchema,
  createClickHouse,
  createKafka,
  createLogger,
  kafkaConfigSchema,
  readClickHouseMigrations,
  runClickHouseMigrations,
  type ConsumedMessage,
} from '@tributary/platform';
import { stackConfig, uniqueName, waitFor } from '@tributary/testing';
import { type Kafka } from 'kafkajs';
import { ClickHouseTelemetryStore } from './telemetry.clickhouse-store';
import { telemetryHandler } from './telemetry.handler';

const config = stackConfig(kafkaConfigSchema.extend(clickHouseConfigSchema.shape));
const logger = createLogger('analytics-projector-test', 'warn');
const MIGRATIONS = readClickHouseMigrations(join(__dirname, 'migrations'));

type Reading = TributaryTelemetry.SensorReadingRecorded;

describe('telemetry projection into ClickHouse', () => {
  const database = uniqueName('projector_test');
  const prefix = uniqueName('tp');
  const topics = {
    recorded: `${prefix}.telemetry.readings`,
    corrected: `${prefix}.telemetry.readings-corrected`,
  };
  const catalog: TopicSpec[] = TOPICS.filter((t) => t.topic.startsWith('telemetry.')).map((t) => ({
    ...t,
    topic: `${prefix}.${t.topic}`,
  }));
  const sensor = uniqueName('sensor');
  let kafka: Kafka;
  let client: ClickHouseClient;
  let codec: EventCodec;

  const reading = (n: number, at: string, values: Partial<Reading>): Reading => {
    const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    return {
      ...VALID_EVENTS['telemetry.readings'],
      metadata: { ...VALID_EVENTS['telemetry.readings'].metadata, event_id: id },
      reading_id: id,
      sensor_id: sensor,
      timestamp: new Date(at),
      temperature: null,
      pressure: null,
      humidity: null,
      metrics: {},
      ...values,
    };
  };
  const r1 = reading(1, '2026-11-22T10:15:00.000Z', { temperature: 20, pressure: 1000 });
  const r2 = reading(2, '2026-11-22T10:45:00.500Z', {
    temperature: 22,
    pressure: 1010,
    humidity: 40,
  });
  const r3 = reading(3, '2026-11-22T11:05:00.000Z', { temperature: 25, humidity: 50 });
  const r2corrected: TributaryTelemetry.SensorReadingCorrected = {
    ...r2,
    metadata: { ...r2.metadata, event_id: '00000000-0000-4000-8000-000000000099' },
    temperature: 30,
    version: 2,
    reason: 'recalibrated',
  };

  beforeAll(async () => {
    kafka = createKafka(config, 'projector-int-test', logger);
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, catalog);
    await admin.disconnect();
    codec = new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL, topics: catalog });
    await codec.register();

    const bootstrap = createClickHouse(config, logger, 'default');
    await bootstrap.command({ query: `CREATE DATABASE ${ch.table(database).text}` });
    await bootstrap.close();
    client = createClickHouse(config, logger, database);
  });

  afterAll(async () => {
    await client.command({ query: `DROP DATABASE IF EXISTS ${ch.table(database).text}` });
    await client.close();
  });

  async function rows<T>(query: string): Promise<T[]> {
    const result = await client.query({
      query,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return result.json<T>();
  }

  it('applies its migrations once', async () => {
    expect(await runClickHouseMigrations(client, MIGRATIONS, logger)).toEqual([
      '0001_telemetry_readings',
    ]);
    expect(await runClickHouseMigrations(client, MIGRATIONS, logger)).toEqual([]);
  });

  it('projects readings exactly: duplicates, corrections, a crash before commit, and poison', async () => {
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
    expect(
      await rows(
        `SELECT reading_id, toString(ts) AS ts, ts_ms, version, temperature, pressure, humidity
         FROM telemetry_readings FINAL ORDER BY ts`,
      ),
    ).toEqual([
      {
        reading_id: r1.reading_id,
        ts: '2026-11-22 10:15:00',
        ts_ms: 0,
        version: 1,
        temperature: 20,
        pressure: 1000,
        humidity: null,
      },
      {
        reading_id: r2.reading_id,
        ts: '2026-11-22 10:45:00',
        ts_ms: 500,
        version: 2,
        temperature: 30,
        pressure: 1010,
        humidity: 40,
      },
      {
        reading_id: r3.reading_id,
        ts: '2026-11-22 11:05:00',
        ts_ms: 0,
        version: 1,
        temperature: 25,
        pressure: null,
        humidity: 50,
      },
    ]);

    // Expected rollups, computed by hand from r1, r2 (corrected to 30) and r3. Percentiles follow
    // ClickHouse's quantileExact: the element at index floor(level × n) of the sorted values.
    const metric = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const at = (level: number) =>
        sorted.length ? sorted[Math.floor(level * sorted.length)]! : null;
      return {
        count: values.length,
        min: sorted.length ? sorted[0] : null,
        max: sorted.length ? sorted[sorted.length - 1] : null,
        avg: sorted.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
        p50: at(0.5),
        p95: at(0.95),
      };
    };
    const rollup = `SELECT toString(bucket) AS bucket, readings,
        temperature_count, temperature_min, temperature_max, temperature_avg, temperature_p50, temperature_p95,
        pressure_count, pressure_min, pressure_max, pressure_avg, pressure_p50, pressure_p95,
        humidity_count, humidity_min, humidity_max, humidity_avg, humidity_p50, humidity_p95`;
    const shape = (bucket: string, readings: number, t: number[], p: number[], h: number[]) => {
      const out: Record<string, unknown> = { bucket, readings };
      for (const [name, values] of [
        ['temperature', t],
        ['pressure', p],
        ['humidity', h],
      ] as const) {
        for (const [stat, value] of Object.entries(metric(values))) out[`${name}_${stat}`] = value;
      }
      return out;
    };
    expect(await rows(`${rollup} FROM telemetry_hourly FINAL ORDER BY bucket`)).toEqual([
      shape('2026-11-22 10:00:00', 2, [20, 30], [1000, 1010], [40]),
      shape('2026-11-22 11:00:00', 1, [25], [], [50]),
    ]);
    expect(await rows(`${rollup} FROM telemetry_daily FINAL ORDER BY bucket`)).toEqual([
      shape('2026-11-22', 3, [20, 30, 25], [1000, 1010], [40, 50]),
    ]);
  });
});
