/**
 * Benchmark: the analytics routes through the gateway (HTTP, JWT, throttling in Redis,
 * validation, ClickHouse, JSON) on 10M readings and 1M transactions, beside the very SQL each
 * request issued, sent straight to ClickHouse in the same run (the baseline). Prints p50/p95/p99
 * per route and whether the design's targets are met (p95 ≤ 1.3× the SQL alone, p99 < 100 ms);
 * asserts nothing.
 *
 *   npm run stack:up                      # only the stack: the gateway runs in this process
 *   npm run bench:queries                 # 10M readings, 1M transactions (database reused)
 *   npm run bench:queries -- --readings 1000000 --transactions 100000 --requests 50
 *
 * Data: a ClickHouse database of its own (`--database`, default bench_queries) with the
 * analytics-projector's tables (its migrations), filled by INSERT … SELECT FROM numbers(N),
 * deterministic (see queries/data.ts). A later run reuses it when every table holds the expected
 * rows; `--reset` drops it first. The gateway's accounts live in a Postgres database of the same
 * name.
 *
 * Measurement, per route of queries/routes.ts: one probe request records the statements the
 * gateway sends to ClickHouse (its client, wrapped); then `--warmup` rounds, then up to
 * `--requests` rounds (or `--seconds` per route), each one request through the gateway followed
 * by the recorded statements straight to ClickHouse through a client of their own (the same
 * format and settings; statements the gateway ran side by side are sent side by side; the body
 * read whole, not parsed). `--seconds` bounds a route's warm-up and rounds together (at least one
 * round), so a slow route yields fewer samples: `n` in the table. A route answering 404 or 400 is
 * reported with its problem and skipped.
 *
 * Options: --readings N (10000000), --transactions N (1000000), --requests N (200),
 * --warmup N (10), --seconds S (60), --database NAME (bench_queries), --only TEXT (routes whose
 * path contains it), --reset, --sql (print each route's statements).
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type ClickHouseClient, type QueryParams } from '@clickhouse/client';
import {
  clickHouseConfigSchema,
  createClickHouse,
  createLogger,
  loadConfig,
  postgresConfigSchema,
} from '@tributary/platform';
import { Client } from 'pg';
// The gateway is measured in this process, built exactly as it deploys (scripts are no service:
// the boundary rule keeps services apart, and a benchmark of one has to reach inside it).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { CLICKHOUSE } from '../../services/gateway/src/infrastructure';
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  startStandaloneGateway,
  type StandaloneGateway,
} from '../../services/gateway/src/testing/standalone-gateway';
import { prepare, shape } from './queries/data';
import { ROUTES, type BenchRoute } from './queries/routes';

const { values: args } = parseArgs({
  options: {
    readings: { type: 'string', default: '10000000' },
    transactions: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '60' },
    database: { type: 'string', default: 'bench_queries' },
    only: { type: 'string' },
    reset: { type: 'boolean', default: false },
    sql: { type: 'boolean', default: false },
  },
});
const whole = (name: keyof typeof args): number => {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a whole number ≥ 1`);
  return value;
};
const sizes = { readings: whole('readings'), transactions: whole('transactions') };
const requests = whole('requests');
const warmup = Number(args.warmup);
const budgetMs = whole('seconds') * 1000;
const database = args.database!;
if (!/^[a-z][a-z0-9_]*$/.test(database)) throw new Error('--database must be a lowercase name');

const logger = createLogger('bench', 'warn');
const TARGET_RATIO = 1.3;
const TARGET_P99_MS = 100;

/** One statement the gateway sent, with when it started and ended (ms, this process's clock). */
interface Statement {
  params: Pick<QueryParams, 'query' | 'format' | 'clickhouse_settings'>;
  startedMs: number;
  endedMs: number;
  /** Why ClickHouse (or the client) failed it, if it did. */
  error?: string;
}

interface Figures {
  p50: number;
  p95: number;
  p99: number;
}

type Outcome =
  | { route: BenchRoute; skipped: string }
  | {
      route: BenchRoute;
      n: number;
      items: string;
      statements: number;
      gateway: Figures;
      sql: Figures | undefined;
      errors: number;
    };

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

function figures(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
  };
}

/** Statements that overlapped in time ran side by side (Promise.all): they replay as one wave. */
function waves(statements: readonly Statement[]): Statement[][] {
  const sorted = [...statements].sort((a, b) => a.startedMs - b.startedMs);
  const out: Statement[][] = [];
  let end = -Infinity;
  for (const statement of sorted) {
    if (statement.startedMs < end) out[out.length - 1]!.push(statement);
    else out.push([statement]);
    end = Math.max(end, statement.endedMs);
  }
  return out;
}

/** Wraps the gateway's ClickHouse client so the statements of a request can be recorded. */
function recordQueries(client: ClickHouseClient): {
  during<T>(work: () => Promise<T>): Promise<[T, Statement[]]>;
} {
  let recording: Statement[] | undefined;
  const original = client.query.bind(client) as (params: QueryParams) => Promise<unknown>;
  (client as unknown as { query: (params: QueryParams) => Promise<unknown> }).query = async (
    params,
  ) => {
    const statement: Statement = {
      params: {
        query: params.query,
        format: params.format,
        clickhouse_settings: params.clickhouse_settings,
      },
      startedMs: nowMs(),
      endedMs: Infinity,
    };
    recording?.push(statement);
    try {
      return await original(params);
    } catch (error) {
      statement.error = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      statement.endedMs = nowMs();
    }
  };
  return {
    async during<T>(work: () => Promise<T>): Promise<[T, Statement[]]> {
      recording = [];
      try {
        return [await work(), recording];
      } finally {
        recording = undefined;
      }
    },
  };
}

async function replay(direct: ClickHouseClient, plan: readonly Statement[][]): Promise<void> {
  for (const wave of plan)
    await Promise.all(
      wave.map(async ({ params }) => {
        const result = await direct.query(params as QueryParams);
        await result.text();
      }),
    );
}

/** Creates the gateway's Postgres database (its accounts) unless it exists. */
async function postgresDatabase(): Promise<string> {
  const stack = loadConfig(postgresConfigSchema).DATABASE_URL;
  const pg = new Client({ connectionString: stack });
  await pg.connect();
  try {
    const exists = await pg.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await pg.query(`CREATE DATABASE "${database}"`);
  } finally {
    await pg.end();
  }
  const url = new URL(stack);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The gateway in this process, its admin signed in, with limits no benchmark request reaches. */
async function startGateway(): Promise<StandaloneGateway> {
  const admin = { email: 'bench-queries@bench.test', password: randomBytes(12).toString('hex') };
  return startStandaloneGateway(admin, {
    DATABASE_URL: await postgresDatabase(),
    CLICKHOUSE_DATABASE: database,
    // The benchmark times the API routes; the web console's files play no part.
    CONSOLE_DIR: 'off',
    ACCESS_TOKEN_TTL_S: '86400',
    RATE_LIMITS: 'auth=1000/1s,ingest=1000/1s,query=1000000/1s,banking=1000000/1s',
    PRINCIPAL_RATE_LIMITS: 'anonymous=1000000/1s,account=1000000/1s,ingest=1000000/1s',
  });
}

/** The problem's detail (and its first invalid parameter), shortened for the table. */
function problem(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as {
      title?: string;
      detail?: string;
      errors?: { path?: unknown; message?: string }[];
    };
    const first = parsed.errors?.[0];
    const detail = first
      ? `${String(first.path ?? '')}: ${first.message ?? ''}`
      : (parsed.detail ?? parsed.title ?? '');
    return `${status} ${detail}`.slice(0, 100);
  } catch {
    return `${status} ${body}`.slice(0, 100);
  }
}

async function measure(
  route: BenchRoute,
  gateway: { api: string; token: string },
  recorder: ReturnType<typeof recordQueries>,
  direct: ClickHouseClient,
): Promise<Outcome> {
  const get = async () => {
    const response = await fetch(`${gateway.api}${route.path}`, {
      headers: { authorization: `Bearer ${gateway.token}` },
    });
    return { status: response.status, body: await response.text() };
  };
  const [probe, statements] = await recorder.during(get);
  if (probe.status === 404)
    return { route, skipped: `not available (${problem(404, probe.body)})` };
  if (probe.status !== 200) {
    // A 5xx says nothing of its cause; the statement that failed does (a client timeout…).
    const failed = statements.find((s) => s.error !== undefined);
    const cause = failed
      ? ` (ClickHouse statement: ${failed.error} after ${((failed.endedMs - failed.startedMs) / 1000).toFixed(1)} s)`
      : '';
    return { route, skipped: `${problem(probe.status, probe.body)}${cause}` };
  }
  let items = '-';
  try {
    const body = JSON.parse(probe.body) as { items?: unknown[] };
    if (Array.isArray(body.items)) items = String(body.items.length);
    else if (Array.isArray(body)) items = String((body as unknown[]).length);
  } catch {
    // not JSON: the item count stays unknown
  }
  if (args.sql)
    for (const s of statements) console.log(`    ${s.params.query.replace(/\s+/g, ' ')}`);
  const plan = waves(statements);
  // The budget covers warm-up (a quarter of it at most) and measurement; one round at least.
  const started = nowMs();
  for (let i = 0; i < warmup && nowMs() - started < budgetMs / 4; i++) {
    await get();
    await replay(direct, plan);
  }
  const throughGateway: number[] = [];
  const sqlAlone: number[] = [];
  let errors = 0;
  for (let i = 0; i < requests && (i === 0 || nowMs() - started < budgetMs); i++) {
    const t0 = nowMs();
    const { status } = await get();
    throughGateway.push(nowMs() - t0);
    if (status !== 200) errors++;
    if (plan.length > 0) {
      const t1 = nowMs();
      await replay(direct, plan);
      sqlAlone.push(nowMs() - t1);
    }
  }
  return {
    route,
    n: throughGateway.length,
    items,
    statements: statements.length,
    gateway: figures(throughGateway),
    sql: sqlAlone.length > 0 ? figures(sqlAlone) : undefined,
    errors,
  };
}

const ms = (v: number) => (v < 10 ? v.toFixed(1) : v.toFixed(0));
const triple = (f: Figures | undefined) => (f ? `${ms(f.p50)} / ${ms(f.p95)} / ${ms(f.p99)}` : '-');

function table(outcomes: readonly Outcome[]): string {
  const header = [
    'route',
    'filters',
    'n',
    'items',
    'stmts',
    'gateway p50/p95/p99 ms',
    'SQL p50/p95/p99 ms',
    'p95 ratio',
    `p95 ≤ ${TARGET_RATIO}×`,
    `p99 < ${TARGET_P99_MS} ms`,
  ];
  const rows = outcomes.map((o): string[] => {
    if ('skipped' in o) return [o.route.route, o.route.what, '', '', '', o.skipped, '', '', '', ''];
    const ratio = o.sql ? o.gateway.p95 / o.sql.p95 : NaN;
    return [
      o.route.route,
      o.route.what,
      String(o.n) + (o.errors > 0 ? ` (${o.errors} errors)` : ''),
      o.items,
      String(o.statements),
      triple(o.gateway),
      triple(o.sql),
      Number.isNaN(ratio) ? '-' : `${ratio.toFixed(2)}×`,
      Number.isNaN(ratio) ? '-' : ratio <= TARGET_RATIO ? 'yes' : 'no',
      o.gateway.p99 < TARGET_P99_MS ? 'yes' : 'no',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const phases: [string, number][] = [];
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t0 = nowMs();
    const result = await work();
    phases.push([name, (nowMs() - t0) / 1000]);
    return result;
  };
  const s = shape(sizes);
  console.log(
    `data: ${s.readings.toLocaleString('en')} readings (${s.sensors.toLocaleString('en')} sensors × ${s.perSensor.toLocaleString('en')}, every 10 min), ` +
      `${s.evTransactions.toLocaleString('en')} EV transactions (${s.evUsers.toLocaleString('en')} users, ${s.chargers.toLocaleString('en')} chargers), ` +
      `${s.bankTransactions.toLocaleString('en')} bank transactions (${s.clients.toLocaleString('en')} clients), ` +
      `${s.energyUsage.toLocaleString('en')} energy days, ${s.sales.toLocaleString('en')} sales (${s.products.toLocaleString('en')} products), ` +
      `${s.rejections.toLocaleString('en')} rejections; ClickHouse database ${database}`,
  );
  const load = await phase('data', () =>
    prepare(database, sizes, { reset: args.reset ?? false, logger, log: (l) => console.log(l) }),
  );
  if (load.reused.length > 0) console.log(`  reused: ${load.reused.join(', ')}`);
  console.log(
    `  rows: ${Object.entries(load.counts)
      .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
      .join(', ')}`,
  );

  const direct = createClickHouse(loadConfig(clickHouseConfigSchema), logger, database);
  const version = await (
    await direct.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' })
  ).json<{ v: string }>();
  const { app, api, token } = await phase('gateway start', startGateway);
  const recorder = recordQueries(app.get<ClickHouseClient>(CLICKHOUSE));
  console.log(
    `ClickHouse ${version[0]?.v}; gateway in this process on ${api}; per route: ${warmup} warm-up rounds, ` +
      `then up to ${requests} rounds, all within ${budgetMs / 1000} s a route; a round is a request through the gateway, then its SQL straight to ClickHouse`,
  );

  const loadBefore = loadavg()[0]!;
  const outcomes: Outcome[] = [];
  try {
    for (const route of ROUTES.filter((r) => !args.only || r.path.includes(args.only))) {
      const outcome = await phase(`measure ${route.route} (${route.what})`, () =>
        measure(route, { api, token }, recorder, direct).catch((error: unknown): Outcome => ({
          route,
          skipped: `error: ${String(error)}`.slice(0, 100),
        })),
      );
      outcomes.push(outcome);
      console.log(
        'skipped' in outcome
          ? `  ${route.path}: ${outcome.skipped}`
          : `  ${route.path}: gateway ${triple(outcome.gateway)} ms, SQL ${triple(outcome.sql)} ms (n ${outcome.n})`,
      );
    }
  } finally {
    await app.close();
    await direct.close();
  }
  console.log('');
  console.log(table(outcomes));
  console.log('');
  console.log(
    `targets (design): p95 ≤ ${TARGET_RATIO}× the same SQL straight to ClickHouse; p99 < ${TARGET_P99_MS} ms`,
  );
  // Both sides share the machine with whatever else runs: its load says how far to trust a p99.
  console.log(
    `load average (1 min): ${loadBefore.toFixed(1)} before measuring, ${loadavg()[0]!.toFixed(1)} after`,
  );
  console.log('phases:');
  for (const [name, seconds] of [
    ...load.phases.map(([n, sec]) => [`  data: ${n}`, sec] as const),
    ...phases,
  ])
    console.log(`  ${name.trim()}: ${seconds.toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
