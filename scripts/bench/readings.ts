/**
 * Benchmark: sensor readings through the gateway (HTTP, JWT, throttling, validation, RPC to
 * sensor-ingest, Kafka acks=all), beside Kafka's own producer performance tool on the same broker
 * in the same run (the baseline); and freshness, ack → visible through the API, measured while the
 * 1,000-reading batches load the system. Prints figures, asserts nothing.
 *
 *   npm start                      # the stack and the three services
 *   npm run bench:readings
 *
 * The load is a fleet: BENCH_SENSORS sensors (default 10,000), each reporting once per simulated
 * second, so a 1,000-reading batch holds one second of 1,000 sensors.
 *
 * Options (environment): BENCH_READINGS (default 200000), BENCH_CONCURRENCY (default 8),
 * BENCH_BATCH_SIZES (default 1,100,1000; e.g. 1000 alone to load a profiled service with it),
 * TRIBUTARY_GATEWAY_PORT (default 3000); credentials from .tributary/admin-credentials.env or
 * TRIBUTARY_ADMIN_EMAIL / TRIBUTARY_ADMIN_PASSWORD.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaConfigSchema, loadConfig } from '@tributary/platform';
import { producerPerformance, readingRecordSize } from './kafka-perf';
import { cpuPerUnit, cpuSecondsOfEach } from './stack-processes';

const config = loadConfig(kafkaConfigSchema);
const total = Number(process.env['BENCH_READINGS'] ?? 200_000);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const fleet = Number(process.env['BENCH_SENSORS'] ?? 10_000);
const batchSizes = (process.env['BENCH_BATCH_SIZES'] ?? '1,100,1000').split(',').map(Number);
const gateway = `http://127.0.0.1:${process.env['TRIBUTARY_GATEWAY_PORT'] ?? 3000}`;
const root = join(__dirname, '..', '..');

/** The processes a reading costs CPU in, by the name of their pid file. */
const PROCESSES = [
  'gateway',
  'sensor-ingest',
  'kafka',
  'analytics-projector',
  'clickhouse',
  'redis',
] as const;

/** CPU seconds each process (and this one, the load's client) has used so far. */
function cpuSeconds(): Map<string, number> {
  const used = cpuSecondsOfEach(PROCESSES);
  const own = process.cpuUsage();
  used.set('this client', (own.user + own.system) / 1e6);
  return used;
}

/** µs of CPU per reading in each process since `before`, largest first. */
function cpuPerReading(before: Map<string, number>, readings: number): string {
  return cpuPerUnit(before, cpuSeconds(), readings, 0.1)
    .map((p) => `${p.name} ${p.us.toFixed(1)} µs`)
    .join(', ');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

function adminCredentials(): { email: string; password: string } {
  const file = join(root, '.tributary', 'admin-credentials.env');
  const vars: Record<string, string | undefined> = { ...process.env };
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const match = /^(TRIBUTARY_ADMIN_\w+)=(.*)$/.exec(line);
      if (match) vars[match[1]!] ??= match[2]!;
    }
  }
  const email = vars['TRIBUTARY_ADMIN_EMAIL'];
  const password = vars['TRIBUTARY_ADMIN_PASSWORD'];
  if (!email || !password) throw new Error('no admin credentials: run `npm start` first');
  return { email, password };
}

async function login(): Promise<string> {
  const response = await fetch(`${gateway}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(adminCredentials()),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function post(token: string, body: unknown): Promise<void> {
  const response = await fetch(`${gateway}/v1/sensors/readings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 202) throw new Error(`POST answered ${response.status}: ${text}`);
}

async function throughGateway(token: string, batchSize: number, readings: number) {
  const run = Date.now().toString(36);
  const sensors = Array.from({ length: fleet }, (_, i) => `bench-${run}-${i}`);
  const latencies: number[] = [];
  const batches = Math.ceil(readings / batchSize);
  let next = 0;
  const base = Math.floor(Date.now() / 1000) * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let b = next++; b < batches; b = next++) {
        const items = Array.from({ length: batchSize }, (_, i) => ({
          sensor_id: sensors[(b * batchSize + i) % fleet]!,
          timestamp: new Date(base + Math.floor((b * batchSize + i) / fleet) * 1000).toISOString(),
          temperature: 20 + ((b + i) % 100) / 10,
          pressure: 1013,
        }));
        const t0 = process.hrtime.bigint();
        await post(token, batchSize === 1 ? items[0] : { readings: items });
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: (batches * batchSize) / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

/**
 * Ack → visible through GET /v1/sensors/{id}/readings: one probe reading every 100 ms on a sensor
 * of its own, polled every 25 ms, until `stop` resolves.
 */
async function freshnessProbe(token: string, stop: Promise<unknown>): Promise<number[]> {
  const delays: number[] = [];
  let done = false;
  void stop.then(() => (done = true));
  for (let i = 0; !done; i++) {
    const sensor = `fresh-${Date.now()}-${Math.random().toString(36).slice(2, 8)}-${i}`;
    await post(token, { sensor_id: sensor, timestamp: new Date().toISOString(), temperature: 21 });
    const acked = Date.now();
    for (;;) {
      const response = await fetch(`${gateway}/v1/sensors/${sensor}/readings?limit=1`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const page = (await response.json()) as { items?: unknown[] };
      if ((page.items?.length ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    delays.push(Date.now() - acked);
    await new Promise((r) => setTimeout(r, 100));
  }
  return delays.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const size = await readingRecordSize(config.SCHEMA_REGISTRY_URL);
  console.log(
    `record size ${size} B (one encoded SensorReadingRecorded); ${total} readings per run from ${fleet} sensors, concurrency ${concurrency}`,
  );
  const kafkaRate = producerPerformance(config.KAFKA_BROKERS[0]!, total, size);
  console.log(`baseline  ProducerPerformance acks=all: ${Math.round(kafkaRate)} records/s`);
  const token = await login();
  for (const batchSize of batchSizes) {
    const n = batchSize === 1 ? Math.min(total, 5_000) : total;
    const cpuBefore = cpuSeconds();
    const run = throughGateway(token, batchSize, n);
    // Four probes side by side, so a short run still yields a few dozen samples.
    const probe =
      batchSize === 1000
        ? Promise.all(Array.from({ length: 4 }, () => freshnessProbe(token, run))).then((all) =>
            all.flat().sort((x, y) => x - y),
          )
        : undefined;
    const r = await run;
    console.log(
      `gateway batch ${String(batchSize).padStart(4)}: ${Math.round(r.perSecond)} readings/s ` +
        `(${(r.perSecond / kafkaRate).toFixed(2)}× baseline), ack p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`,
    );
    // Charged until the run ends (the projection a little behind it is left out); with the
    // freshness probes' posts and reads when they run.
    console.log(`  CPU per reading: ${cpuPerReading(cpuBefore, n)}`);
    if (probe) {
      const delays = await probe;
      console.log(
        `freshness ack → visible through the API, under the batch-1000 load: ` +
          `p50 ${percentile(delays, 0.5)} ms, p99 ${percentile(delays, 0.99)} ms (${delays.length} samples)`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
