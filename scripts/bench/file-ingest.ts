/**
 * Benchmark: a generated CSV of sensor readings (1M rows by default, fixed seed) uploaded through
 * the gateway until every row is in ClickHouse, where the API reads it; beside, in the same run,
 * `clickhouse-client` inserting the same file (`INSERT … FORMAT CSVWithNames`) into a table of
 * the same shape — the baseline. Then the same rows with 5% of them invalid, against the clean
 * run. Prints figures and file-ingest's peak RSS; asserts nothing.
 *
 *   npm start                 # the stack and the services
 *   npm run bench:file-ingest
 *
 * `TRIBUTARY_RUN=built npm run services:up` runs the services as their images do (compiled JS
 * under plain node), which is what the RSS figure should be read against.
 *
 * Options (environment): BENCH_ROWS (default 1000000), BENCH_SEED (default 7),
 * BENCH_DIRTY=off (skips the 5%-invalid run, e.g. for the 1 GiB file's memory, where it would
 * double a half-hour run), BENCH_DIRTY_FIRST=on (the 5%-invalid run before the clean one),
 * TRIBUTARY_GATEWAY_PORT (default 3000); credentials from
 * .tributary/admin-credentials.env.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, openAsBlob, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clickHouseConfigSchema,
  createClickHouse,
  createLogger,
  kafkaConfigSchema,
  loadConfig,
} from '@tributary/platform';
import { DATASET_DECLARATIONS } from '@tributary/contracts';
import { Random } from '@tributary/testing';
// The chunk size file-ingest publishes by, from its own configuration schema.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { fileIngestConfigSchema } from '../../services/file-ingest/src/config/file-ingest.config';
import { producerPerformance, readingRecordSize } from './kafka-perf';
import { cpuPerUnit, cpuSecondsOf, cpuSecondsOfEach, pidOf } from './stack-processes';

const rows = Number(process.env['BENCH_ROWS'] ?? 1_000_000);
const seed = Number(process.env['BENCH_SEED'] ?? 7);
const withDirtyRun = process.env['BENCH_DIRTY'] !== 'off';
const gateway = `http://127.0.0.1:${process.env['TRIBUTARY_GATEWAY_PORT'] ?? 3000}`;
const root = join(__dirname, '..', '..');
const clickhouseConfig = loadConfig(clickHouseConfigSchema);
const clickhouse = createClickHouse(clickhouseConfig, createLogger('bench', 'warn'));
const kafkaConfig = loadConfig(kafkaConfigSchema);
/**
 * The processes whose CPU a row costs, by the name of their pid file (Postgres with its
 * connections' backends: rejected rows are written there).
 */
const PROCESSES = [
  'postgres',
  'file-ingest',
  'analytics-projector',
  'directory-projector',
  'gateway',
  'kafka',
  'clickhouse',
  'schema-registry',
];
const SENSORS = 1_000;

/** Writes `rows` readings of a fleet of 1,000 sensors, one per minute each; `invalid` of them have an unreadable timestamp. */
async function writeCsv(path: string, prefix: string, invalidRate: number): Promise<number> {
  const rng = new Random(seed);
  const out = createWriteStream(path);
  out.write('sensor_id,timestamp,temperature,pressure,humidity\n');
  const start = Date.UTC(2026, 9, 1);
  let invalid = 0;
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const bad = rng.chance(invalidRate);
    if (bad) invalid++;
    const ts = bad
      ? 'not-a-time'
      : new Date(start + Math.floor(i / SENSORS) * 60_000).toISOString();
    chunk += `${prefix}-${i % SENSORS},${ts},${rng.decimal(15, 25, 2)},${rng.decimal(990, 1030, 1)},${rng.decimal(30, 70, 1)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return invalid;
}

function credentials(): { email: string; password: string } {
  const vars: Record<string, string> = {};
  const file = join(root, '.tributary', 'admin-credentials.env');
  if (existsSync(file))
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const match = /^(TRIBUTARY_ADMIN_\w+)=(.*)$/.exec(line);
      if (match) vars[match[1]!] = match[2]!;
    }
  const email = process.env['TRIBUTARY_ADMIN_EMAIL'] ?? vars['TRIBUTARY_ADMIN_EMAIL'];
  const password = process.env['TRIBUTARY_ADMIN_PASSWORD'] ?? vars['TRIBUTARY_ADMIN_PASSWORD'];
  if (!email || !password) throw new Error('no admin credentials: run `npm start` first');
  return { email, password };
}

async function token(): Promise<string> {
  const response = await fetch(`${gateway}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials()),
  });
  if (!response.ok) throw new Error(`login: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function count(query: string): Promise<number> {
  const result = await clickhouse.query({ query, format: 'JSONEachRow' });
  const [row] = await result.json<{ n: string | number }>();
  return Number(row?.n ?? 0);
}

/** CPU seconds (user + system) each process has used so far; Linux clock ticks are 1/100 s. */
const cpuSeconds = () => cpuSecondsOfEach(PROCESSES);

/**
 * Waits (up to two minutes) until ClickHouse is idle: no merge running and under 5% of a core
 * for a second. Each run then starts against a quiet server, rather than the second paying for
 * the first's background merges (which made the 5%-invalid run look 0.7× the clean one).
 * Returns the seconds waited.
 */
async function settle(): Promise<number> {
  const started = Date.now();
  for (;;) {
    const before = cpuSecondsOf('clickhouse') ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const busy = (cpuSecondsOf('clickhouse') ?? 0) - before;
    const merging = await count('SELECT count() AS n FROM system.merges');
    if ((merging === 0 && busy < 0.05) || Date.now() - started > 120_000)
      return (Date.now() - started) / 1_000;
  }
}

/**
 * Peak resident memory of file-ingest while `work` runs, sampled from /proc every 100 ms, and its
 * high-water mark (VmHWM: the kernel's, so no peak between samples is missed; since the process
 * started, so it is the run's own only on a freshly started file-ingest).
 */
async function withPeakRss<T>(
  work: Promise<T>,
): Promise<{ result: T; peakMb: number; highWaterMb: number }> {
  const pid = pidOf('file-ingest');
  let peak = 0;
  let highWater = 0;
  const sample = () => {
    if (!pid) return;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      peak = Math.max(peak, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
      highWater = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? highWater);
    } catch {
      // the process went away: the figures stay what was sampled
    }
  };
  const timer = setInterval(sample, 100);
  try {
    const result = await work;
    sample();
    return { result, peakMb: peak / 1024, highWaterMb: highWater / 1024 };
  } finally {
    clearInterval(timer);
  }
}

async function throughTributary(path: string, prefix: string, expected: number) {
  let auth = { authorization: `Bearer ${await token()}` };
  const started = process.hrtime.bigint();
  const form = new FormData();
  form.append('dataset', 'telemetry.readings');
  form.append('file', await openAsBlob(path), `${prefix}.csv`);
  const response = await fetch(`${gateway}/v1/files`, {
    method: 'POST',
    headers: auth,
    body: form,
  });
  if (response.status !== 202)
    throw new Error(`upload: ${response.status} ${await response.text()}`);
  const uploadedS = Number(process.hrtime.bigint() - started) / 1e9;
  const { jobs } = (await response.json()) as { jobs: { job_id: string }[] };
  let job:
    { status: string; rows: { read: number; accepted: number; rejected: number } } | undefined;
  for (;;) {
    const reply = await fetch(`${gateway}/v1/jobs/${jobs[0]!.job_id}`, { headers: auth });
    // A 1 GiB file outlasts an access token: sign in again rather than poll a 401 for ever.
    if (reply.status === 401) auth = { authorization: `Bearer ${await token()}` };
    if (reply.ok) {
      job = (await reply.json()) as typeof job;
      if (job && !['queued', 'running'].includes(job.status)) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const jobS = Number(process.hrtime.bigint() - started) / 1e9;
  for (;;) {
    const visible = await count(
      `SELECT count() AS n FROM telemetry_readings WHERE sensor_id LIKE '${prefix}-%'`,
    );
    if (visible >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, uploadedS, jobS, job: job! };
}

function baseline(path: string): number {
  const table = `bench_baseline_${Date.now().toString(36)}`;
  const url = new URL(clickhouseConfig.CLICKHOUSE_URL);
  const args = [
    `--host=${url.hostname}`,
    `--port=${process.env['CLICKHOUSE_TCP_PORT'] ?? '9000'}`,
    `--user=${clickhouseConfig.CLICKHOUSE_USER}`,
    `--password=${clickhouseConfig.CLICKHOUSE_PASSWORD}`,
    `--database=${clickhouseConfig.CLICKHOUSE_DATABASE}`,
  ];
  execFileSync('clickhouse-client', [
    ...args,
    `--query=CREATE TABLE ${table} (sensor_id String, timestamp DateTime('UTC'), temperature Nullable(Float64), pressure Nullable(Float64), humidity Nullable(Float64)) ENGINE = ReplacingMergeTree ORDER BY (sensor_id, timestamp)`,
  ]);
  const started = process.hrtime.bigint();
  execFileSync(
    'bash',
    [
      '-c',
      `clickhouse-client "$@" --date_time_input_format=best_effort --query="INSERT INTO ${table} FORMAT CSVWithNames" < "${path}"`,
      'insert',
      ...args,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  execFileSync('clickhouse-client', [...args, `--query=DROP TABLE ${table}`]);
  return rows / seconds;
}

/** Each process's CPU per row between two readings of `cpuSeconds`, largest first, and the total. */
function cpuPerRow(
  before: Map<string, number>,
  after: Map<string, number>,
  rows: number,
): { totalUs: number; text: string } {
  const perRow = cpuPerUnit(before, after, rows, 0.5);
  const totalUs = perRow.reduce((sum, p) => sum + p.us, 0);
  const cores = availableParallelism();
  const text =
    `${perRow.map((p) => `${p.name} ${p.us.toFixed(1)} µs`).join(', ')}; ` +
    `total ${totalUs.toFixed(1)} µs, i.e. at most ${Math.round((cores * 1e6) / totalUs).toLocaleString('en')} rows/s on ${cores} cores`;
  return { totalUs, text };
}

async function main(): Promise<void> {
  const run = Date.now().toString(36);
  const clean = join(tmpdir(), `bench-${run}-clean.csv`);
  const dirty = join(tmpdir(), `bench-${run}-dirty.csv`);
  // The generated files go with the run (a 1 GiB run would leave 2 GiB behind each time).
  process.once('exit', () => [clean, dirty].forEach((path) => rmSync(path, { force: true })));
  await writeCsv(clean, `bfc-${run}`, 0);
  const invalid = withDirtyRun ? await writeCsv(dirty, `bfd-${run}`, 0.05) : 0;
  const mb = (statSync(clean).size / 1024 / 1024).toFixed(1);
  console.log(
    `file: ${rows.toLocaleString('en')} rows, ${mb} MiB` +
      (withDirtyRun ? `; dirty copy: ${invalid.toLocaleString('en')} invalid rows` : ''),
  );

  const baselineRate = baseline(clean);
  console.log(
    `baseline clickhouse-client INSERT FORMAT CSVWithNames: ${Math.round(baselineRate).toLocaleString('en')} rows/s`,
  );

  const size = await readingRecordSize(kafkaConfig.SCHEMA_REGISTRY_URL);
  const ceiling = producerPerformance(kafkaConfig.KAFKA_BROKERS[0]!, rows, size);
  console.log(
    `ceiling: Kafka's ProducerPerformance, ${rows.toLocaleString('en')} records of ${size} B, acks=all: ` +
      `${Math.round(ceiling).toLocaleString('en')} records/s (${(ceiling / baselineRate).toFixed(2)}× baseline)`,
  );

  // The ceiling of batch events: messages as file-ingest sends them, one per partition per chunk
  // (its PUBLISH_CHUNK_ROWS over the dataset's partitions), each item a reading without the
  // 5-byte wire header, as many rows in all.
  const chunkRows = fileIngestConfigSchema.shape.PUBLISH_CHUNK_ROWS.parse(
    process.env['PUBLISH_CHUNK_ROWS'],
  );
  const batchRows = Math.ceil(chunkRows / DATASET_DECLARATIONS['telemetry.readings'].partitions);
  const batchSize = batchRows * (size - 5) + 64;
  const batches = Math.ceil(rows / batchRows);
  const batchCeiling =
    producerPerformance(kafkaConfig.KAFKA_BROKERS[0]!, batches, batchSize) * batchRows;
  console.log(
    `ceiling with batch events: ProducerPerformance, ${batches.toLocaleString('en')} records of ${batchSize.toLocaleString('en')} B (${batchRows} rows each), acks=all: ` +
      `${Math.round(batchCeiling).toLocaleString('en')} rows/s (${(batchCeiling / baselineRate).toFixed(2)}× baseline)`,
  );

  const cleanUpload = () => measured(clean, `bfc-${run}`, rows);
  const dirtyUpload = () => measured(dirty, `bfd-${run}`, rows - invalid);
  // The second run pays for merging the first one's parts into its own: BENCH_DIRTY_FIRST=on
  // swaps them, so the two orders together tell the rejected rows' cost from the order's.
  const dirtyFirst = withDirtyRun && process.env['BENCH_DIRTY_FIRST'] === 'on';
  const dirtyRun = dirtyFirst ? await dirtyUpload() : undefined;
  const cleanRun = await cleanUpload();
  const rate = rows / cleanRun.seconds;
  console.log(
    `tributary (upload → every row queryable): ${Math.round(rate).toLocaleString('en')} rows/s ` +
      `(${(rate / baselineRate).toFixed(2)}× baseline); upload ${cleanRun.uploadedS.toFixed(1)} s, ` +
      `job done ${cleanRun.jobS.toFixed(1)} s, queryable ${cleanRun.seconds.toFixed(1)} s; ` +
      `job ${cleanRun.job.status} ${JSON.stringify(cleanRun.job.rows)}; ${cleanRun.memory}`,
  );
  console.log(`CPU per row (clean run): ${cleanRun.cpu.text}`);

  if (!withDirtyRun) return clickhouse.close();
  const second = dirtyRun ?? (await dirtyUpload());
  const dirtyRate = rows / second.seconds;
  console.log(
    `with 5% invalid rows${dirtyFirst ? ', run first' : ''}: ${Math.round(dirtyRate).toLocaleString('en')} rows/s (${(dirtyRate / rate).toFixed(2)}× the clean run); ` +
      `job ${second.job.status} ${JSON.stringify(second.job.rows)} (expected ${invalid} rejected); ${second.memory}`,
  );
  // The ratio of CPU per row is what the rows/s ratio tends to on a machine the pipeline has to
  // itself; on a shared one, the rows/s ratio swings with the other load.
  console.log(
    `CPU per row (5% invalid): ${second.cpu.text}; clean/dirty ${(cleanRun.cpu.totalUs / second.cpu.totalUs).toFixed(2)}×`,
  );
  await clickhouse.close();
}

/** One upload through Tributary once ClickHouse settled: its times, CPU per row and memory. */
async function measured(path: string, prefix: string, expected: number) {
  console.log(`ClickHouse settled in ${(await settle()).toFixed(0)} s`);
  const before = cpuSeconds();
  const { result, peakMb, highWaterMb } = await withPeakRss(
    throughTributary(path, prefix, expected),
  );
  return {
    ...result,
    cpu: cpuPerRow(before, cpuSeconds(), rows),
    memory: `file-ingest peak RSS ${peakMb.toFixed(0)} MB (high-water mark ${highWaterMb.toFixed(0)} MB)`,
  };
}

void main();
