import { randomBytes } from 'node:crypto';
import { type ClickHouseClient } from '@clickhouse/client';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DATASETS, TOPICS } from '@tributary/contracts';
import {
  ch,
  clickHouseConfigSchema,
  createClickHouseDatabase,
  createKafka,
  createLogger,
  dropClickHouseDatabase,
  kafkaConfigSchema,
  loadConfig,
  postgresConfigSchema,
} from '@tributary/platform';
import {
  createPostgresDatabase,
  dropPostgresDatabase,
  freePort,
  generateDatasets,
  SMALL,
  skipToEnd,
  startService,
  toCsv,
  uniqueName,
  waitFor,
  type Anomaly,
  type Dataset,
  type Row,
  type Scale,
  postgresDatabaseUrl,
  type ServiceProcess,
} from '@tributary/testing';
import { Client } from 'pg';
import { startStandaloneGateway } from './standalone-gateway';

/**
 * The query API's end-to-end test bed: generated data of every dataset, from a fixed seed, taken
 * through the deployed path (upload → file-ingest → Kafka → directory-projector and
 * analytics-projector, each its own process) into a ClickHouse database and a Postgres database
 * of the suite's own, and a gateway (in this process) reading them.
 *
 * Other suites publish on the same catalog topics while this one runs, and this suite's
 * projectors would project their events too. So every generated id carries this run's `prefix`
 * and the generated period starts on a day no other suite uses (`START`): a test keeps the items
 * whose ids carry the prefix (`ours`), or filters by its own ids and days.
 */
export const START = '2031-03-03';

export interface IngestedJob {
  job_id: string;
  dataset: string;
  status: string;
  rows: { read: number; accepted: number; rejected: number };
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface DatasetApiBed {
  /** The generated rows as uploaded (ids prefixed), and the anomalies planted in them. */
  readonly rows: Record<Dataset, Row[]>;
  readonly anomalies: Anomaly[];
  readonly prefix: string;
  /** The upload's job of each dataset, finished. */
  readonly jobs: Map<Dataset, IngestedJob>;
  /** Base URL of the gateway, e.g. `http://127.0.0.1:40123`. */
  api: string;
  /** An admin's bearer token. */
  token: string;
  /** GET with the admin's token; the body parsed as JSON. */
  get<T>(path: string): Promise<ApiResponse<T>>;
  /** Every page of a list route (`{items, next_cursor}`), followed to the end. */
  all<T>(path: string): Promise<T[]>;
  /** Whether an id is one of this run's. */
  ours(id: unknown): boolean;
  /** Uploads more rows of a dataset (CSV) and waits until they are queryable. */
  ingest(dataset: Dataset, rows: readonly Row[], fileName?: string): Promise<IngestedJob>;
  /** This bed's ClickHouse database (the analytics-projector's tables). */
  clickhouse: ClickHouseClient;
  readonly clickhouseDatabase: string;
  /** The Postgres URL of this bed's database (the directory's and the gateway's schemas). */
  databaseUrl: string;
}

export interface DatasetApiBedOptions {
  seed?: number;
  scale?: Scale;
  anomalyRate?: number;
  /** Datasets to upload; all nine by default. */
  datasets?: readonly Dataset[];
}

const FINAL = ['succeeded', 'partially_failed', 'failed', 'duplicate'];
/** Where each dataset's accepted rows land in ClickHouse, counted FINAL. */
const CLICKHOUSE_TABLE: Record<Dataset, string> = {
  'ev.users': 'ev_users',
  'ev.chargers': 'ev_chargers',
  'ev.transactions': 'ev_transactions',
  'banking.clients': 'banking_clients',
  'banking.transactions': 'banking_transactions',
  'telemetry.readings': 'telemetry_readings',
  'energy.usage': 'energy_usage',
  'retail.products': 'retail_products',
  'retail.sales': 'retail_sales',
};
/** The dimensions the directory keeps in Postgres, by id column. */
const POSTGRES_TABLE: Partial<Record<Dataset, [string, string]>> = {
  'ev.users': ['ev_users', 'user_id'],
  'ev.chargers': ['ev_chargers', 'charger_id'],
  'banking.clients': ['banking_clients', 'client_id'],
  'retail.products': ['retail_products', 'product_id'],
};

/** Call inside `describe`; the fields fill in `beforeAll` (allow it 4 minutes). */
export function datasetApiBed(name: string, options: DatasetApiBedOptions = {}): DatasetApiBed {
  const prefix = `${uniqueName('q').replace(/[^a-z0-9]/gi, '')}-`;
  const generated = generateDatasets({
    seed: options.seed ?? 6,
    scale: options.scale ?? SMALL,
    anomalyRate: options.anomalyRate ?? 0.05,
    start: START,
    prefix,
  });
  // The contracts list dimensions before the facts that reference them.
  const datasets = options.datasets ?? DATASETS;
  const processes: ServiceProcess[] = [];
  const admin = {
    email: `${uniqueName('admin')}@e2e.test`,
    password: randomBytes(12).toString('hex'),
  };
  const stackPostgres = loadConfig(postgresConfigSchema, process.env);
  const pgDatabase = uniqueName(`${name}_pg`).replace(/[^a-z0-9_]/gi, '_');
  const chDatabase = uniqueName(`${name}_ch`).replace(/[^a-z0-9_]/gi, '_');
  let gateway: NestFastifyApplication | undefined;
  let uploads = 0;

  const bed = {
    rows: generated.rows,
    anomalies: generated.anomalies,
    prefix,
    jobs: new Map<Dataset, IngestedJob>(),
    clickhouseDatabase: chDatabase,
    databaseUrl: postgresDatabaseUrl(stackPostgres.DATABASE_URL, pgDatabase),
    ours: (id: unknown) => typeof id === 'string' && id.startsWith(prefix),
    async get<T>(path: string): Promise<ApiResponse<T>> {
      const response = await fetch(`${bed.api}${path}`, {
        headers: { authorization: `Bearer ${bed.token}` },
      });
      return {
        status: response.status,
        body: (await response.json()) as T,
        headers: response.headers,
      };
    },
    async all<T>(path: string): Promise<T[]> {
      const items: T[] = [];
      let cursor: string | null = null;
      do {
        const separator = path.includes('?') ? '&' : '?';
        const { status, body }: ApiResponse<{ items: T[]; next_cursor: string | null }> =
          await bed.get(cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path);
        if (status !== 200)
          throw new Error(`GET ${path} answered ${status}: ${JSON.stringify(body)}`);
        items.push(...body.items);
        cursor = body.next_cursor;
      } while (cursor);
      return items;
    },
    ingest: (dataset: Dataset, rows: readonly Row[], fileName?: string) =>
      upload(dataset, rows, fileName ?? `${dataset}-${++uploads}.csv`),
  } as DatasetApiBed;

  const count = async (query: string): Promise<number> => {
    const result = await bed.clickhouse.query({
      query,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return (await result.json<{ n: number }>())[0]?.n ?? 0;
  };
  const clickhouseCount = (dataset: Dataset) =>
    count(`SELECT count() AS n FROM ${ch.table(CLICKHOUSE_TABLE[dataset]).text} FINAL`);
  const rejectionCount = (dataset: Dataset) =>
    count(
      `SELECT count() AS n FROM ingest_rejections FINAL WHERE dataset = ${ch.str(dataset).text}`,
    );

  const postgresCount = async (dataset: Dataset): Promise<number | undefined> => {
    const table = POSTGRES_TABLE[dataset];
    if (!table) return undefined;
    const client = new Client({ connectionString: bed.databaseUrl });
    await client.connect();
    try {
      // Only this run's ids: other suites publish on the same topics and this directory keeps theirs too.
      const result = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM directory.${table[0]} WHERE starts_with(${table[1]}, $1)`,
        [prefix],
      );
      return Number(result.rows[0]!.n);
    } catch {
      return 0; // the directory's migrations have not run yet
    } finally {
      await client.end();
    }
  };

  async function waitForJob(jobId: string): Promise<IngestedJob> {
    return waitFor(
      `job ${jobId} to finish`,
      async () => {
        const { status, body } = await bed.get<IngestedJob>(`/v1/jobs/${jobId}`);
        return status === 200 && FINAL.includes(body.status) ? body : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 200 },
    );
  }

  /** Uploads rows as one CSV and waits until ClickHouse (and Postgres) hold what was accepted. */
  async function upload(dataset: Dataset, rows: readonly Row[], fileName: string) {
    const [before, rejectedBefore] = [
      await clickhouseCount(dataset),
      await rejectionCount(dataset),
    ];
    const form = new FormData();
    form.append(dataset, new Blob([toCsv(dataset, rows)]), fileName);
    const response = await fetch(`${bed.api}/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bed.token}` },
      body: form,
    });
    const body = (await response.json()) as { jobs?: { job_id: string }[] };
    if (response.status !== 202 || !body.jobs?.[0])
      throw new Error(`upload of ${dataset} answered ${response.status}: ${JSON.stringify(body)}`);
    const job = await waitForJob(body.jobs[0].job_id);
    await waitFor(
      `${dataset}: ${job.rows.accepted} more rows in ClickHouse`,
      async () => (await clickhouseCount(dataset)) >= before + job.rows.accepted || undefined,
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    await waitFor(
      `${dataset}: ${job.rows.rejected} more rejections in ClickHouse`,
      async () =>
        (await rejectionCount(dataset)) >= rejectedBefore + job.rows.rejected || undefined,
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    return job;
  }

  beforeAll(async () => {
    const logger = createLogger('test', 'warn');
    bed.clickhouse = await createClickHouseDatabase(
      loadConfig(clickHouseConfigSchema, process.env),
      logger,
      chDatabase,
    );
    await createPostgresDatabase(stackPostgres.DATABASE_URL, pgDatabase);

    // Fixed groups per suite, moved to the topics' end: the services see only what is published
    // from now on, not the history of every earlier run.
    const groups = {
      analytics: `${name}-analytics`,
      directory: `${name}-directory`,
      fileIngest: `${name}-file-ingest`,
    };
    const kafka = createKafka(loadConfig(kafkaConfigSchema, process.env), name, logger);
    const topics = TOPICS.map((t) => t.topic);
    await Promise.all(Object.values(groups).map((group) => skipToEnd(kafka, group, topics)));

    const env = { DATABASE_URL: bed.databaseUrl, LOG_LEVEL: 'warn' };
    const ports = [await freePort(), await freePort(), await freePort()] as const;
    processes.push(
      ...(await Promise.all([
        startService(
          'analytics-projector',
          { ...env, CLICKHOUSE_DATABASE: chDatabase, PROJECTOR_GROUP_ID: groups.analytics },
          ports[0],
        ),
        startService(
          'directory-projector',
          { ...env, DIRECTORY_GROUP_ID: groups.directory },
          ports[1],
        ),
        startService(
          'file-ingest',
          {
            ...env,
            FILE_INGEST_GROUP_ID: groups.fileIngest,
            JOB_PROGRESS_INTERVAL_MS: '500',
          },
          ports[2],
        ),
      ])),
    );
    const started = await startStandaloneGateway(admin, {
      DATABASE_URL: bed.databaseUrl,
      CLICKHOUSE_DATABASE: chDatabase,
      REGISTRATION: 'open',
      LOGIN_FREE_FAILURES_PER_IP: '1000000',
      RATE_LIMITS: 'auth=1000/1s,ingest=1000/1s,query=100000/1s,banking=100000/1s',
      PRINCIPAL_RATE_LIMITS: 'anonymous=100000/1s,account=1000000/1s,ingest=1000000/1s',
    });
    gateway = started.app;
    bed.api = started.api;
    bed.token = started.token;

    // Dimensions first, so facts never arrive before what they reference.
    for (const dataset of datasets)
      bed.jobs.set(dataset, await upload(dataset, generated.rows[dataset], `${dataset}.csv`));
    for (const dataset of datasets) {
      const expected = new Set(
        generated.rows[dataset].map((row) => row[POSTGRES_TABLE[dataset]?.[1] ?? '']),
      ).size;
      if (POSTGRES_TABLE[dataset])
        await waitFor(
          `${dataset}: ${expected} rows in Postgres`,
          async () => (await postgresCount(dataset)) === expected || undefined,
          { timeoutMs: 60_000, intervalMs: 250 },
        );
    }
  }, 240_000);

  afterAll(async () => {
    await gateway?.close();
    await Promise.all(processes.map((p) => p.stop()));
    await dropClickHouseDatabase(
      loadConfig(clickHouseConfigSchema, process.env),
      createLogger('test', 'warn'),
      chDatabase,
    );
    await bed.clickhouse?.close();
    await dropPostgresDatabase(stackPostgres.DATABASE_URL, pgDatabase);
  });

  return bed;
}
