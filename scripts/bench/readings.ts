/**
 * Benchmark: sensor readings from a client to Kafka-acknowledged, and on to visible in ClickHouse,
 * beside Kafka's own producer performance tool on the same broker in the same run (the baseline).
 *
 * Today it drives sensor-ingest's RPC directly (the gateway is being built); the gateway's HTTP
 * path replaces the client here when it lands. Prints figures, asserts nothing.
 *
 *   npm run stack:up && npm run services:up && bash scripts/run-ts.sh scripts/bench/readings.ts
 *
 * Options (environment): BENCH_READINGS (default 200000), BENCH_CONCURRENCY (default 8).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import {
  EventCodec,
  RECORD_READINGS,
  VALID_EVENTS,
  type RecordReadingsReply,
} from '@tributary/contracts';
import {
  ch,
  clickHouseConfigSchema,
  createClickHouse,
  createLogger,
  kafkaConfigSchema,
  loadConfig,
} from '@tributary/platform';
import { firstValueFrom } from 'rxjs';

const config = loadConfig(kafkaConfigSchema.extend(clickHouseConfigSchema.shape));
const total = Number(process.env['BENCH_READINGS'] ?? 200_000);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const rpcPort = Number(process.env['TRIBUTARY_SENSOR_INGEST_RPC_PORT'] ?? 3102);
const root = join(__dirname, '..', '..');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

async function recordSize(): Promise<number> {
  const codec = new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL });
  await codec.register();
  return codec.encode('telemetry.readings', VALID_EVENTS['telemetry.readings']).length;
}

/** Kafka's ProducerPerformance, acks=all, same broker, same record size: records/s. */
function baseline(records: number, size: number): number {
  const libs = join(root, '.tributary', 'toolchain', 'kafka-3.9.2', 'libs', '*');
  const log4j = `-Dlog4j.configuration=file:${join(root, '.tributary', 'stack', 'conf', 'kafka-tools-log4j.properties')}`;
  const topic = `bench-baseline-${Date.now()}`;
  execFileSync(
    'java',
    [
      log4j,
      '-cp',
      libs,
      'org.apache.kafka.tools.TopicCommand',
      '--bootstrap-server',
      config.KAFKA_BROKERS[0]!,
      '--create',
      '--topic',
      topic,
      '--partitions',
      '6',
      '--replication-factor',
      '1',
    ],
    { stdio: 'ignore' },
  );
  const out = execFileSync(
    'java',
    [
      log4j,
      '-cp',
      libs,
      'org.apache.kafka.tools.ProducerPerformance',
      '--topic',
      topic,
      '--num-records',
      String(records),
      '--record-size',
      String(size),
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${config.KAFKA_BROKERS[0]}`,
      'acks=all',
      'enable.idempotence=true',
    ],
    { encoding: 'utf8' },
  );
  const last = out.trim().split('\n').pop() ?? '';
  const match = /([\d.]+) records\/sec/.exec(last);
  if (!match) throw new Error(`unexpected ProducerPerformance output: ${last}`);
  return Number(match[1]);
}

async function ours(batchSize: number, readings: number) {
  const client = ClientProxyFactory.create({
    transport: Transport.TCP,
    options: { host: '127.0.0.1', port: rpcPort },
  });
  await client.connect();
  const sensors = Array.from({ length: 64 }, (_, i) => `bench-${batchSize}-${Date.now()}-${i}`);
  const latencies: number[] = [];
  const batches = Math.ceil(readings / batchSize);
  let next = 0;
  const base = Date.parse('2026-11-22T00:00:00Z');
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let b = next++; b < batches; b = next++) {
        const body = {
          trace_id: null,
          readings: Array.from({ length: batchSize }, (_, i) => ({
            sensor_id: sensors[(b + i) % sensors.length]!,
            timestamp: new Date(base + b * batchSize + i).toISOString(),
            temperature: 20 + ((b + i) % 100) / 10,
            pressure: 1013,
          })),
        };
        const t0 = process.hrtime.bigint();
        await firstValueFrom(client.send<RecordReadingsReply>(RECORD_READINGS, body));
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  client.close();
  latencies.sort((a, b) => a - b);
  return {
    perSecond: (batches * batchSize) / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    sensors,
  };
}

/** Ack → visible in ClickHouse (FINAL), through the running analytics-projector. */
async function freshness(samples: number): Promise<{ p50: number; p99: number }> {
  const client = ClientProxyFactory.create({
    transport: Transport.TCP,
    options: { host: '127.0.0.1', port: rpcPort },
  });
  await client.connect();
  const clickhouse = createClickHouse(config, createLogger('bench', 'warn'));
  const delays: number[] = [];
  for (let i = 0; i < samples; i++) {
    const sensor = `fresh-${Date.now()}-${i}`;
    await firstValueFrom(
      client.send(RECORD_READINGS, {
        trace_id: null,
        readings: [{ sensor_id: sensor, timestamp: new Date().toISOString(), temperature: 21 }],
      }),
    );
    const acked = Date.now();
    for (;;) {
      const result = await clickhouse.query({
        query:
          ch.sql`SELECT count() AS n FROM telemetry_readings WHERE sensor_id = ${ch.str(sensor)}`
            .text,
        format: 'JSONEachRow',
      });
      const [row] = await result.json<{ n: string }>();
      if (row?.n === '1') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    delays.push(Date.now() - acked);
  }
  client.close();
  await clickhouse.close();
  delays.sort((a, b) => a - b);
  return { p50: percentile(delays, 0.5), p99: percentile(delays, 0.99) };
}

async function main(): Promise<void> {
  const size = await recordSize();
  console.log(
    `record size ${size} B (one encoded SensorReadingRecorded); ${total} readings per run, concurrency ${concurrency}`,
  );
  const kafkaRate = baseline(total, size);
  console.log(`baseline  ProducerPerformance acks=all: ${Math.round(kafkaRate)} records/s`);
  for (const batchSize of [1, 100, 1000]) {
    const n = batchSize === 1 ? Math.min(total, 5_000) : total;
    const r = await ours(batchSize, n);
    console.log(
      `sensor-ingest batch ${String(batchSize).padStart(4)}: ${Math.round(r.perSecond)} readings/s ` +
        `(${(r.perSecond / kafkaRate).toFixed(2)}× baseline), ack p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`,
    );
  }
  const f = await freshness(50);
  console.log(
    `freshness ack → visible in ClickHouse: p50 ${f.p50} ms, p99 ${f.p99} ms (50 samples)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
