/**
 * Benchmark: a replay of readings into an empty database. `--readings` readings (10M by default)
 * of a `--sensors` fleet are published as batch events to renamed copies of the telemetry topics
 * (not timed), then analytics-projector's telemetry projection — its own class, with the
 * configuration defaults a deployment has — reads them from the start into a new ClickHouse
 * database until every reading and every rollup minute is in. Beside it, in the same run, the
 * baselines: Kafka's ConsumerPerformance reading the same messages (the most any consumer gets
 * from this broker here) and ClickHouse inserting as many readings generated server-side
 * (`INSERT … SELECT FROM numbers`, no client, no Kafka). Prints figures; asserts nothing.
 *
 *   npm run stack:up
 *   npm run bench:replay                        # 10M readings, 10,000 sensors
 *   npm run bench:replay -- --readings 1000000
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ensureTopics,
  EventCodec,
  TOPICS,
  VALID_EVENTS,
  type TopicSpec,
  type TributaryTelemetry,
} from '@tributary/contracts';
import {
  clickHouseConfigSchema,
  createClickHouseDatabase,
  createKafka,
  createLogger,
  dropClickHouseDatabase,
  kafkaConfigSchema,
  loadConfig,
} from '@tributary/platform';
import { ANALYTICS_MIGRATIONS } from '@tributary/read-models';
// The projection measured is the service's own (scripts are no service).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { projectorConfigSchema } from '../../services/analytics-projector/src/config/projector.config';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { TelemetryProjector } from '../../services/analytics-projector/src/telemetry/telemetry.projector';
import { cpuSecondsOf, wholeOption } from './stack-processes';

const { values: args } = parseArgs({
  options: {
    readings: { type: 'string', default: '10000000' },
    sensors: { type: 'string', default: '10000' },
  },
});
const whole = (name: keyof typeof args) => wholeOption(name, args[name]);
const READINGS = whole('readings');
const SENSORS = whole('sensors');
/** A reading every 10 s per sensor, from this instant on. */
const START_MS = Date.parse('2026-10-01T00:00:00Z');
const root = join(__dirname, '..', '..');
const logger = createLogger('bench', 'warn');
const config = loadConfig(kafkaConfigSchema.extend(clickHouseConfigSchema.shape));
const projectorDefaults = {
  maxChunk: projectorConfigSchema.shape.PROJECTOR_MAX_CHUNK.parse(undefined),
  flushIntervalMs: projectorConfigSchema.shape.PROJECTOR_FLUSH_INTERVAL_MS.parse(undefined),
  rollupIntervalMs: projectorConfigSchema.shape.PROJECTOR_ROLLUP_INTERVAL_MS.parse(undefined),
};

type Reading = TributaryTelemetry.SensorReadingRecorded;

/** Reading n: sensor n % SENSORS, every sensor once per 10 s, values from n. */
function reading(n: number): Reading {
  const id = randomUUID();
  const at = new Date(START_MS + Math.floor(n / SENSORS) * 10_000);
  return {
    ...VALID_EVENTS['telemetry.readings'],
    metadata: {
      ...VALID_EVENTS['telemetry.readings'].metadata,
      event_id: id,
      occurred_at: at,
      ingested_at: new Date(START_MS),
    },
    reading_id: id,
    sensor_id: `sensor-${String((n % SENSORS) + 1).padStart(5, '0')}`,
    timestamp: at,
    temperature: 15 + (n % 1_000) / 100,
    pressure: 990 + (n % 400) / 10,
    humidity: null,
    metrics: {},
  };
}

/** CPU seconds a stack server has used so far. */
function serverCpuS(name: string): number {
  const seconds = cpuSecondsOf(name);
  if (seconds === undefined) throw new Error(`the stack's ${name} is not running here`);
  return seconds;
}

/** Kafka's ConsumerPerformance over `topic` from its start: messages/s. */
function consumerPerformance(topic: string, messages: number): number {
  const libs = join(root, '.tributary', 'toolchain', 'kafka-3.9.2', 'libs', '*');
  const log4j = `-Dlog4j.configuration=file:${join(root, '.tributary', 'stack', 'conf', 'kafka-tools-log4j.properties')}`;
  const out = execFileSync(
    'java',
    [
      log4j,
      ...['-cp', libs, 'org.apache.kafka.tools.ConsumerPerformance'],
      ...['--bootstrap-server', config.KAFKA_BROKERS[0]!, '--topic', topic],
      ...['--messages', String(messages), '--group', `bench-replay-${randomUUID()}`],
      '--hide-header',
    ],
    { encoding: 'utf8' },
  );
  // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, …
  const fields = out.trim().split('\n').pop()!.split(',');
  const rate = Number(fields[5]);
  if (!Number.isFinite(rate)) throw new Error(`unexpected ConsumerPerformance output: ${out}`);
  return rate;
}

async function main(): Promise<void> {
  const run = Date.now().toString(36);
  const prefix = `bench-replay-${run}`;
  const renamed = (topic: string) => `${prefix}.${topic}`;
  const names = [
    'telemetry.readings',
    'telemetry.readings-batches',
    'telemetry.readings-corrected',
  ];
  const catalog: TopicSpec[] = TOPICS.filter((t) => names.includes(t.topic)).map((t) => ({
    ...t,
    topic: renamed(t.topic),
  }));
  const kafka = createKafka(config, 'bench-replay', logger);
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, catalog);
  const codec = new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL, topics: catalog });
  await codec.register();

  // Publish, untimed: the replay starts from a full topic.
  const recorded = renamed('telemetry.readings');
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  let messages = 0;
  const publishStarted = performance.now();
  for (let first = 0; first < READINGS; first += 50_000) {
    const events = Array.from({ length: Math.min(50_000, READINGS - first) }, (_, i) =>
      reading(first + i),
    );
    const batch = codec.batchMessages(recorded as never, events as never, randomUUID);
    // One message per partition per request: kafkajs puts a request's messages of a partition in
    // one record batch, which the broker refuses past its 1 MiB message limit.
    const byPartition = Map.groupBy(batch, (message) => message.partition!);
    for (let round = 0; byPartition.size > 0; round += 1) {
      const wave = [...byPartition.values()].map((list) => list[round]!);
      await producer.send({
        topic: renamed('telemetry.readings-batches'),
        acks: -1,
        messages: wave,
      });
      for (const [partition, list] of byPartition)
        if (list.length <= round + 1) byPartition.delete(partition);
    }
    messages += batch.length;
  }
  await producer.disconnect();
  console.log(
    `published ${READINGS.toLocaleString('en')} readings of ${SENSORS.toLocaleString('en')} sensors as ${messages.toLocaleString('en')} batch messages in ${((performance.now() - publishStarted) / 1000).toFixed(0)} s (not timed)`,
  );

  // Baseline 1: Kafka's own consumer over the same messages.
  const consumed = consumerPerformance(renamed('telemetry.readings-batches'), messages);
  const kafkaCeiling = (consumed * READINGS) / messages;

  // Baseline 2: ClickHouse inserting as many readings it generates itself.
  const baselineDb = `bench_replay_baseline_${run}`;
  const baseline = await createClickHouseDatabase(config, logger, baselineDb, [
    ANALYTICS_MIGRATIONS.telemetry,
  ]);
  const insertStarted = performance.now();
  for (let first = 0; first < READINGS; first += 2_000_000) {
    const count = Math.min(2_000_000, READINGS - first);
    await baseline.command({
      query: `INSERT INTO telemetry_readings
        SELECT concat('sensor-', toString(number % ${SENSORS})), toDateTime(${START_MS / 1000} + intDiv(number, ${SENSORS}) * 10, 'UTC'), 0,
               toString(generateUUIDv4()), 1, 15 + (number % 1000) / 100, 990 + (number % 400) / 10, NULL,
               emptyArrayString(), emptyArrayFloat64(), toString(generateUUIDv4()), 'http', toDateTime(${START_MS / 1000}, 'UTC'), NULL
        FROM numbers(${first}, ${count})`,
    });
  }
  const clickHouseAlone = READINGS / ((performance.now() - insertStarted) / 1000);
  await baseline.close();
  await dropClickHouseDatabase(config, logger, baselineDb);

  // The replay: the projection from the topics' start into an empty database.
  const database = `bench_replay_${run}`;
  const client = await createClickHouseDatabase(config, logger, database);
  const projector = new TelemetryProjector(kafka, client, codec, logger, {
    groupId: `bench-replay-${run}`,
    maxChunk: projectorDefaults.maxChunk,
    writeBehind: {
      flushIntervalMs: projectorDefaults.flushIntervalMs,
      rollupIntervalMs: projectorDefaults.rollupIntervalMs,
    },
    topics: {
      recorded,
      recordedBatches: renamed('telemetry.readings-batches'),
      corrected: renamed('telemetry.readings-corrected'),
    },
  });
  const count = async (query: string) => {
    const result = await client.query({
      query,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return Number((await result.json<{ n: number }>())[0]?.n ?? 0);
  };
  const cpu = { projector: process.cpuUsage(), clickhouse: serverCpuS('clickhouse') };
  const started = performance.now();
  await projector.start();
  // Every reading in, and every minute holding all of its readings (the rollups caught up).
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const readings = await count('SELECT count() AS n FROM telemetry_readings');
    if (readings < READINGS) continue;
    const inMinutes = await count('SELECT sum(reading_count) AS n FROM telemetry_minutes FINAL');
    if (inMinutes >= READINGS) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const projectorCpu = process.cpuUsage(cpu.projector);
  const clickhouseCpuS = serverCpuS('clickhouse') - cpu.clickhouse;
  await projector.stop();
  const rate = READINGS / seconds;
  const perReading = (s: number) => ((s / READINGS) * 1e6).toFixed(1);
  console.log(
    `replay into an empty database: ${Math.round(rate).toLocaleString('en')} readings/s (${seconds.toFixed(0)} s), ` +
      `${(rate / kafkaCeiling).toFixed(2)}× Kafka's ConsumerPerformance (${Math.round(kafkaCeiling).toLocaleString('en')} readings/s), ` +
      `${(rate / clickHouseAlone).toFixed(2)}× ClickHouse inserting alone (${Math.round(clickHouseAlone).toLocaleString('en')} readings/s)`,
  );
  console.log(
    `CPU per reading: projector ${perReading((projectorCpu.user + projectorCpu.system) / 1e6)} µs, ClickHouse ${perReading(clickhouseCpuS)} µs`,
  );
  await client.close();
  await dropClickHouseDatabase(config, logger, database);
  await admin.deleteTopics({ topics: catalog.map((t) => t.topic) });
  await admin.disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
