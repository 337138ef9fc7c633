import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readingIdFor } from '@tributary/contracts';
import { check, describeReport, type CheckReport } from '../checker';
import { Ledger } from '../ledger';
import { percentile, runReadingLoad, type LoadResult } from '../load-generator';
import { Platform, SERVICES, type PlatformOptions } from '../platform';
import { type ProcessUsage } from '../supervisor';

const ROOT = join(__dirname, '..', '..', '..', '..');
export const RESULTS_DIR = join(
  process.env['TRIBUTARY_HOME'] ?? join(ROOT, '.tributary'),
  'system-tests',
  'results',
);

/**
 * `npm test` runs each scenario reduced (a few thousand readings, a few faults, seconds each);
 * `npm run test:system` sets SYSTEM_TEST_SCALE=full for the loads and fault counts the issue asks.
 */
export const FULL = process.env['SYSTEM_TEST_SCALE'] === 'full';
export const SCALE: 'reduced' | 'full' = FULL ? 'full' : 'reduced';

/**
 * The full form's load, the same for the fault-free run and every fault run it is compared with:
 * 3,000 readings/s offered (three 1,000-reading batches a second, four senders) for 200 s, from
 * 500 sensors — long enough for six projector crashes of ~35 s each.
 */
export const FULL_LOAD = {
  readings: 600_000,
  sensors: 500,
  batchSize: 1_000,
  concurrency: 4,
  batchesPerSecond: 3,
} as const;

const resultFile = (name: string, scale = SCALE) => join(RESULTS_DIR, `${name}.${scale}.json`);

/** The load of a scenario: seeded, bounded, paced so that faults land during ingest. */
export interface LoadShape {
  readonly seed: number;
  readonly readings: number;
  readonly sensors: number;
  readonly batchSize: number;
  readonly concurrency: number;
  readonly batchesPerSecond?: number;
  /** A batch not acknowledged by then is given up (counted in `givenUp`); unset: never. */
  readonly giveUpAfterMs?: number;
}

/** What a fault does while the load runs; resolves with figures that show it happened. */
export type Fault = (context: {
  platform: Platform;
  /** The run's ledger: a fault that produces events of its own records those acknowledged. */
  ledger: Ledger;
  loadDone: Promise<unknown>;
  /** Whether the load is still running. */
  loading: () => boolean;
}) => Promise<Record<string, unknown>>;

/** The figures of one run, saved for the load report. */
export interface ScenarioResult {
  readonly scenario: string;
  readonly scale: 'reduced' | 'full';
  readonly finishedAt: string;
  /** The load (its seed aside): only runs of the same load are compared. */
  readonly load: Omit<LoadShape, 'seed'>;
  readonly acknowledged: number;
  readonly loadSeconds: number;
  readonly throughputPerS: number;
  readonly ackP50Ms: number;
  readonly ackP99Ms: number;
  /** Ack → visible through the API, of probe readings sent during the load. */
  readonly freshnessP50Ms: number;
  readonly freshnessP99Ms: number;
  /** Load start → every acknowledged reading projected (the drain). */
  readonly drainedAfterS: number;
  readonly statuses: Record<string, number>;
  readonly withoutRetryAfter: number;
  /** Batches never acknowledged within the load's `giveUpAfterMs`. */
  readonly givenUp: number;
  readonly usage: Record<string, ProcessUsage & { cpuSecondsPerMillion: number }>;
  readonly fault: Record<string, unknown>;
  readonly check: CheckReport;
}

export interface ScenarioOptions {
  readonly name: string;
  readonly platform?: Omit<PlatformOptions, 'name'>;
  readonly load: LoadShape;
  readonly fault?: Fault;
  /** Readings are timed from here (ms); default: the start of yesterday's 09:00 UTC hour. */
  readonly startMs?: number;
}

/**
 * One scenario end to end: the platform as processes, the seeded load through the gateway with
 * its ledger, the fault beside it, a drain, and the check of API and ClickHouse against the
 * ledger. The result is saved under .tributary/system-tests/results for the load report; the
 * caller asserts on it and stops the platform.
 */
export async function runScenario(
  options: ScenarioOptions,
  started?: Platform,
): Promise<{ platform: Platform; ledger: Ledger; result: ScenarioResult }> {
  const platform = started ?? (await Platform.start({ name: options.name, ...options.platform }));
  const ledger = new Ledger(platform.sensorPrefix);
  const day = Math.floor(Date.now() / 86_400_000) * 86_400_000;
  const startMs = options.startMs ?? day - 86_400_000 + 9 * 3_600_000;
  const began = Date.now();
  let loading = true;
  const load = runReadingLoad({
    api: platform.apis,
    token: platform.token,
    ledger,
    startMs,
    ...options.load,
  }).finally(() => (loading = false));
  const probe = freshnessProbe(platform, ledger, load);
  const fault = options.fault
    ? options.fault({ platform, ledger, loadDone: load, loading: () => loading })
    : Promise.resolve({});
  const [loadResult, faultFigures, freshness] = await Promise.all([load, fault, probe]);
  await platform.drain(FULL ? 600_000 : 120_000);
  const drainedAfterS = (Date.now() - began) / 1000;
  // A long run outlives the access token it began with.
  platform.token = await platform.login();
  const clickhouse = platform.clickhouse();
  let report: CheckReport;
  try {
    report = await check(ledger, { api: platform.api, token: platform.token, clickhouse });
  } finally {
    await clickhouse.close();
  }
  const { seed: _seed, ...shape } = options.load;
  void _seed;
  const result = summarise(
    options.name,
    shape,
    loadResult,
    freshness,
    drainedAfterS,
    platform,
    faultFigures,
    report,
  );
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(resultFile(options.name), `${JSON.stringify(result, null, 2)}\n`);
  ledger.save(join(RESULTS_DIR, `${options.name}.${SCALE}.ledger.ndjson`));
  if (!report.ok) throw new Error(`${options.name}: the check failed\n${describeReport(report)}`);
  return { platform, ledger, result };
}

function summarise(
  scenario: string,
  shape: Omit<LoadShape, 'seed'>,
  load: LoadResult,
  freshness: number[],
  drainedAfterS: number,
  platform: Platform,
  fault: Record<string, unknown>,
  report: CheckReport,
): ScenarioResult {
  const usage: ScenarioResult['usage'] = {};
  for (const name of platform.supervisor.names()) {
    const u = platform.supervisor.usage(name);
    usage[name] = {
      ...u,
      cpuSecondsPerMillion: (u.cpuSeconds / Math.max(1, load.acknowledged)) * 1e6,
    };
  }
  return {
    scenario,
    scale: SCALE,
    finishedAt: new Date().toISOString(),
    load: shape,
    acknowledged: load.acknowledged,
    loadSeconds: load.seconds,
    throughputPerS: load.acknowledged / load.seconds,
    ackP50Ms: percentile(load.latenciesMs, 0.5),
    ackP99Ms: percentile(load.latenciesMs, 0.99),
    freshnessP50Ms: percentile(freshness, 0.5),
    freshnessP99Ms: percentile(freshness, 0.99),
    drainedAfterS,
    statuses: load.statuses,
    withoutRetryAfter: load.withoutRetryAfter,
    givenUp: load.givenUp,
    usage,
    fault,
    check: report,
  };
}

/**
 * Ack → visible through `GET /v1/sensors/{id}/readings`: one probe reading every 500 ms on a
 * probe sensor of the run (so the checker counts it too), polled every 50 ms, while the load
 * runs. A probe sent while the platform is failing is retried like any reading.
 */
async function freshnessProbe(
  platform: Platform,
  ledger: Ledger,
  load: Promise<unknown>,
): Promise<number[]> {
  let done = false;
  void load.finally(() => (done = true));
  const delays: number[] = [];
  const sensor = `${ledger.sensorPrefix}probe`;
  const headers = { authorization: `Bearer ${platform.token}` };
  for (let i = 0; !done;) {
    const body = {
      id: `${sensor}-${i}`,
      sensor_id: sensor,
      timestamp: new Date(Date.now() - 60_000).toISOString(),
      temperature: 20 + (i % 10),
      pressure: 1000,
      humidity: 50,
    };
    ledger.markSent([readingIdFor(sensor, body.id)]);
    // Sent again unchanged until acknowledged, as a careful client does.
    let response: Response | undefined;
    while (!done && response?.status !== 202) {
      await response?.text();
      if (response !== undefined) await new Promise((r) => setTimeout(r, 500));
      response = await fetch(`${platform.api}/v1/sensors/readings`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).catch(() => undefined);
      if (response === undefined) await new Promise((r) => setTimeout(r, 500));
    }
    if (response?.status !== 202) break;
    i++;
    const { ids } = (await response.json()) as { ids: string[] };
    const acked = Date.now();
    ledger.record([
      {
        id: ids[0]!,
        sensor_id: sensor,
        timestamp_ms: Date.parse(body.timestamp),
        temperature: body.temperature,
        pressure: body.pressure,
        humidity: body.humidity,
      },
    ]);
    for (let polls = 0; polls < 1_200 && !done; polls++) {
      const page = await fetch(
        `${platform.api}/v1/sensors/${sensor}/readings?from=${encodeURIComponent(body.timestamp)}&limit=1`,
        { headers },
      )
        .then((r) => (r.ok ? (r.json() as Promise<{ items: { id: string }[] }>) : undefined))
        .catch(() => undefined);
      if (page?.items.some((item) => item.id === ids[0])) {
        delays.push(Date.now() - acked);
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return delays;
}

/** The saved result of a scenario, if it ran on this machine. */
export function savedResult(name: string): ScenarioResult | undefined {
  try {
    return JSON.parse(readFileSync(resultFile(name), 'utf8')) as ScenarioResult;
  } catch {
    return undefined;
  }
}

/**
 * The figures of a scenario that is not a load run (scenario 6's answers while Postgres is away),
 * saved beside the load results; the load report lists them after its table.
 */
export function saveFigures(name: string, figures: Record<string, unknown>): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    join(RESULTS_DIR, `${name}.${SCALE}.figures.json`),
    `${JSON.stringify({ scenario: name, scale: SCALE, finishedAt: new Date().toISOString(), ...figures }, null, 2)}\n`,
  );
}

/** Adds figures measured after the run (a rebuild's duration…) to its saved result's `fault`. */
export function annotateResult(name: string, figures: Record<string, unknown>): void {
  const saved = savedResult(name);
  if (!saved) throw new Error(`no saved result of ${name}`);
  const updated = { ...saved, fault: { ...saved.fault, ...figures } };
  writeFileSync(resultFile(name), `${JSON.stringify(updated, null, 2)}\n`);
}

export { SERVICES };
