import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DATASETS, TOPICS } from '@tributary/contracts';
import {
  clickHouseConfigSchema,
  createClickHouseDatabase,
  createKafka,
  createLogger,
  dropClickHouseDatabase,
  kafkaConfigSchema,
  loadConfig,
} from '@tributary/platform';
import { analyticsProjectionGroups } from '@tributary/read-models';
import {
  FIXTURE_FILES,
  FIXTURES_DIR,
  fileRowNumber,
  freePort,
  generateDatasets,
  SMALL,
  toCsv,
  skipToEnd,
  startService,
  uniqueName,
  waitFor,
  type Anomaly,
  type Dataset,
  type ServiceProcess,
} from '@tributary/testing';
import { startStandaloneGateway } from '../testing/standalone-gateway';

/**
 * File ingest through the public API, every process as deployed: file-ingest, directory-projector
 * and analytics-projector as their own processes, the gateway in this one, the real stack behind.
 * Expected figures come from the committed fixtures' generator output (anomalies.json), by the
 * rule the API documents: a row is rejected when a value cannot be read (an unparseable date) or a
 * required value is missing; negative values, orphans and duplicate keys are accepted.
 */
// The suite's own analytics database and projector groups, started at the topics' ends: the inbox
// and SFTP tests add other readings of the same sensors, which a rerun must not count.
const ANALYTICS_DATABASE = uniqueName('files_e2e');
const chConfig = loadConfig(clickHouseConfigSchema, process.env);
const logger = createLogger('test', 'warn');
const ANALYTICS_GROUP = uniqueName('files-e2e-analytics');
const ROOT = join(__dirname, '..', '..', '..', '..');

interface Job {
  job_id: string;
  dataset: string;
  dataset_detected: boolean;
  status: string;
  source: string | null;
  file_name: string | null;
  format: string | null;
  duplicate_of: string | null;
  rows: { read: number; accepted: number; rejected: number };
  error: string | null;
}

const FINAL = ['succeeded', 'partially_failed', 'failed', 'duplicate'];
const anomalies = JSON.parse(
  readFileSync(join(FIXTURES_DIR, 'anomalies.json'), 'utf8'),
) as Anomaly[];
const ROWS: Record<Dataset, number> = {
  'ev.users': 20,
  'ev.chargers': 8,
  'ev.transactions': 60,
  'banking.clients': 15,
  'banking.transactions': 50,
  'telemetry.readings': 96,
  'energy.usage': 50,
  'retail.products': 12,
  'retail.sales': 40,
};
/** The documented rule: unreadable values and missing required ones are rejected, nothing else. */
const rejectedIn = (planted: readonly Anomaly[], dataset: Dataset) =>
  planted
    .filter((a) => a.dataset === dataset && (a.kind === 'unparseable_date' || a.kind === 'null'))
    .map((a) => a.row)
    .sort((a, b) => a - b);
const rejectedRows = (dataset: Dataset) => rejectedIn(anomalies, dataset);

/** Other data than the fixtures (another seed), so other sources are not duplicates of uploads. */
const other = (seed: number) => generateDatasets({ seed, scale: SMALL, anomalyRate: 0.1 });

/**
 * A job of generated rows whose dataset was recognised: every row read, exactly the planted
 * unreadable ones rejected.
 */
const detectedJob = (dataset: Dataset, read: number, planted: readonly Anomaly[]) => {
  const rejected = rejectedIn(planted, dataset).length;
  return {
    dataset,
    dataset_detected: true,
    status: rejected > 0 ? 'partially_failed' : 'succeeded',
    rows: { read, accepted: read - rejected, rejected },
  };
};

/** The inbox and SFTP get products as a JSON array, readings as NDJSON, the rest as CSV. */
const fileKind = (dataset: Dataset) =>
  dataset === 'retail.products' ? 'json' : dataset === 'telemetry.readings' ? 'ndjson' : 'csv';
const fileOf = (dataset: Dataset, rows: Parameters<typeof toCsv>[1]) =>
  fileKind(dataset) === 'json'
    ? JSON.stringify(rows)
    : fileKind(dataset) === 'ndjson'
      ? rows.map((r) => JSON.stringify(r)).join('\n')
      : toCsv(dataset, rows);

describe('file ingest through the gateway', () => {
  const processes: ServiceProcess[] = [];
  let gateway: NestFastifyApplication;
  let api: string;
  let token: string;
  let fileIngestEnv: Record<string, string>;
  let fileIngestPort: number;
  const inbox = join(tmpdir(), uniqueName('inbox'));
  const sftpFolder = uniqueName('e2e_sftp');
  const sftpRoot = process.env['SFTP_ROOT']!;
  const admin = {
    email: `${uniqueName('admin')}@e2e.test`,
    password: randomBytes(12).toString('hex'),
  };
  const firstJobs = new Map<Dataset, Job>();

  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${api}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  async function upload(
    files: { field?: string; name: string; bytes: Buffer }[],
    fields: Record<string, string> = {},
  ): Promise<{ status: number; body: { jobs: { job_id: string }[] } & Record<string, unknown> }> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const file of files) form.append(file.field ?? 'file', new Blob([file.bytes]), file.name);
    const response = await fetch(`${api}/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as never };
  }

  const finished = (jobId: string): Promise<Job> =>
    waitFor(
      `job ${jobId} to finish`,
      async () => {
        const { status, body } = await get<Job>(`/v1/jobs/${jobId}`);
        return status === 200 && FINAL.includes(body.status) ? body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );

  const fixture = (dataset: Dataset) => readFileSync(join(FIXTURES_DIR, FIXTURE_FILES[dataset]));

  beforeAll(async () => {
    // Created empty: the projectors migrate it as they start.
    await (await createClickHouseDatabase(chConfig, logger, ANALYTICS_DATABASE)).close();
    mkdirSync(inbox, { recursive: true });
    mkdirSync(join(sftpRoot, sftpFolder), { recursive: true });
    const [analyticsPort, directoryPort] = [await freePort(), await freePort()];
    const kafka = createKafka(
      loadConfig(kafkaConfigSchema, process.env),
      'files-e2e',
      createLogger('test', 'warn'),
    );
    const topics = TOPICS.map((spec) => spec.topic);
    for (const group of analyticsProjectionGroups(ANALYTICS_GROUP))
      await skipToEnd(kafka, group, topics);
    processes.push(
      await startService(
        'analytics-projector',
        { CLICKHOUSE_DATABASE: ANALYTICS_DATABASE, PROJECTOR_GROUP_ID: ANALYTICS_GROUP },
        analyticsPort,
      ),
      await startService(
        'directory-projector',
        { DIRECTORY_GROUP_ID: 'files-e2e-directory' },
        directoryPort,
      ),
    );
    // The job workers' group is fixed (a rerun resumes, it does not replay every earlier run),
    // so what an aborted run left unconsumed is skipped: it would make this run's files duplicates.
    await skipToEnd(kafka, 'files-e2e-file-ingest', ['ingest.files-received']);
    fileIngestPort = await freePort();
    fileIngestEnv = {
      FILE_INGEST_GROUP_ID: 'files-e2e-file-ingest',
      FILE_INGEST_DB_SCHEMA: uniqueName('file_ingest_e2e'),
      INBOX_DIR: inbox,
      INBOX_POLL_MS: '200',
      SFTP_FOLDERS: `${sftpFolder}=auto`,
      SFTP_POLL_MS: '300',
      JOB_PROGRESS_INTERVAL_MS: '200',
    };
    processes.push(await startService('file-ingest', fileIngestEnv, fileIngestPort));
    const started = await startStandaloneGateway(admin, {
      CLICKHOUSE_DATABASE: ANALYTICS_DATABASE,
    });
    ({ app: gateway, api, token } = started);
  }, 240_000);

  afterAll(async () => {
    await gateway?.close();
    await Promise.all(processes.map((p) => p.stop()));
    await dropClickHouseDatabase(chConfig, logger, ANALYTICS_DATABASE);
  });

  it('ingests every dataset’s fixture in one upload, rejecting exactly the unreadable rows', async () => {
    const datasets = Object.keys(FIXTURE_FILES) as Dataset[];
    const { status, body } = await upload(
      datasets.map((d) => ({ field: d, name: FIXTURE_FILES[d], bytes: fixture(d) })),
    );
    expect(status).toBe(202);
    expect(body.jobs).toHaveLength(9);
    const jobs = await Promise.all(body.jobs.map((j) => finished(j.job_id)));
    for (const [i, dataset] of datasets.entries()) {
      const job = jobs[i]!;
      firstJobs.set(dataset, job);
      const rejected = rejectedRows(dataset);
      expect({ dataset: job.dataset, status: job.status, rows: job.rows }).toEqual({
        dataset,
        status: rejected.length > 0 ? 'partially_failed' : 'succeeded',
        rows: {
          read: ROWS[dataset],
          accepted: ROWS[dataset] - rejected.length,
          rejected: rejected.length,
        },
      });
      if (rejected.length > 0) {
        const { body: page } = await get<{ items: { row_number: number; reasons: string[] }[] }>(
          `/v1/jobs/${job.job_id}/rejections?limit=1000`,
        );
        // Numbered as the person finds them in the file (CSV/XLSX: the header is row 1).
        expect(page.items.map((r) => r.row_number)).toEqual(
          rejected.map((row) => fileRowNumber(FIXTURE_FILES[dataset], row)),
        );
      }
    }
    expect(firstJobs.get('telemetry.readings')!.format).toBe('ndjson.gz');
    expect(firstJobs.get('banking.transactions')!.format).toBe('xlsx');
  });

  it('names each rejected row’s reasons', async () => {
    const check = async (dataset: Dataset, kind: Anomaly['kind'], reason: string) => {
      const anomaly = anomalies.find((a) => a.dataset === dataset && a.kind === kind);
      if (!anomaly) throw new Error(`the fixtures have no ${kind} anomaly in ${dataset}`);
      const { body } = await get<{ items: { row_number: number; reasons: string[] }[] }>(
        `/v1/jobs/${firstJobs.get(dataset)!.job_id}/rejections?limit=1000`,
      );
      const rowNumber = fileRowNumber(FIXTURE_FILES[dataset], anomaly.row);
      expect(body.items.find((r) => r.row_number === rowNumber)?.reasons).toEqual([reason]);
    };
    await check(
      'telemetry.readings',
      'unparseable_date',
      'timestamp: must be an ISO-8601 date-time, got "yesterday"',
    );
    await check('energy.usage', 'null', 'usage_kwh: is required');
    await check(
      'telemetry.readings',
      'null',
      'temperature: at least one of temperature, pressure, humidity is required',
    );
  });

  it('makes the file’s readings readable through the API', async () => {
    const rejected = new Set(rejectedRows('telemetry.readings'));
    // sensor-001 holds rows 1–24 of the fixture.
    const expected = Array.from({ length: 24 }, (_, i) => i + 1).filter((r) => !rejected.has(r));
    const page = await waitFor(
      'the fixture readings of sensor-001',
      async () => {
        const { body } = await get<{ items: { timestamp: string }[] }>(
          '/v1/sensors/sensor-001/readings?limit=1000',
        );
        return body.items?.length === expected.length ? body : undefined;
      },
      { timeoutMs: 60_000 },
    );
    // Row r of the fixture is sensor-001's reading at hour r - 1 of 2026-10-01.
    expect(page.items[0]!.timestamp).toBe(
      new Date(Date.UTC(2026, 9, 1, expected[0]! - 1)).toISOString(),
    );
  });

  it('calls the same bytes a duplicate, under any name, and adds nothing', async () => {
    const { body } = await upload([
      { field: 'retail.sales', name: 'renamed-sales.csv.gz', bytes: fixture('retail.sales') },
    ]);
    const job = await finished(body.jobs[0]!.job_id);
    expect(job).toMatchObject({
      status: 'duplicate',
      duplicate_of: firstJobs.get('retail.sales')!.job_id,
      rows: { read: 0, accepted: 0, rejected: 0 },
    });
  });

  it('recognises the dataset from the columns when none is given', async () => {
    const csv = 'User ID,Day,Usage\r\nu-90001,2026-10-01,12.5\r\nu-90001,2026-10-02,7\r\n';
    const { body } = await upload([{ name: 'meter.csv', bytes: Buffer.from(csv) }]);
    const job = await finished(body.jobs[0]!.job_id);
    expect(job).toMatchObject({
      dataset: 'energy.usage',
      dataset_detected: true,
      status: 'succeeded',
      rows: { read: 2, accepted: 2, rejected: 0 },
    });
  });

  it('raises an alert for each day above the upload’s threshold, listed by the API', async () => {
    const user = uniqueName('u-alert');
    // 30.0 is not above 30; 41.25 and 30.5 are.
    const csv = `user_id,date,usage_kwh\n${user},2026-10-01,12.5\n${user},2026-10-02,30.0\n${user},2026-10-03,41.25\n${user},2026-10-04,30.5\n`;
    const { body } = await upload([{ name: 'usage.csv', bytes: Buffer.from(csv) }], {
      dataset: 'energy.usage',
      threshold: '30',
    });
    const job = await finished(body.jobs[0]!.job_id);
    expect(job.status).toBe('succeeded');
    const alerts = await waitFor(
      'the two alerts',
      async () => {
        const page = await get<{ items: Record<string, unknown>[] }>(
          `/v1/energy/alerts?job_id=${job.job_id}`,
        );
        return page.body.items?.length === 2 ? page.body.items : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(
      alerts.map(({ user_id, date, usage_kwh, threshold_kwh, excess_kwh, job_id }) => ({
        user_id,
        date,
        usage_kwh,
        threshold_kwh,
        excess_kwh,
        job_id,
      })),
    ).toEqual([
      {
        user_id: user,
        date: '2026-10-04',
        usage_kwh: 30.5,
        threshold_kwh: 30,
        excess_kwh: 0.5,
        job_id: job.job_id,
      },
      {
        user_id: user,
        date: '2026-10-03',
        usage_kwh: 41.25,
        threshold_kwh: 30,
        excess_kwh: 11.25,
        job_id: job.job_id,
      },
    ]);
    const byUser = await get<{ items: unknown[] }>(
      `/v1/energy/alerts?user_id=${user}&from=2026-10-04`,
    );
    expect(byUser.body.items).toHaveLength(1);
  });

  it('ingests with the CLI, printing the job’s result and its first rejected rows', async () => {
    const user = uniqueName('u-cli');
    const file = join(tmpdir(), `${user}.csv`);
    writeFileSync(
      file,
      `user_id,date,usage_kwh\n${user},2026-10-01,1.5\n${user},2026-10-02,lots\n`,
    );
    // Run asynchronously: the gateway answering it lives in this process's event loop.
    const cli = await new Promise<{ status: number | null; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          process.execPath,
          ['-r', '@swc-node/register', join(ROOT, 'scripts', 'cli', 'tributary.ts')].concat([
            'ingest',
            file,
            '--dataset',
            'energy.usage',
          ]),
          {
            cwd: ROOT,
            encoding: 'utf8',
            timeout: 90_000,
            env: {
              ...process.env,
              SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'),
              TRIBUTARY_API_URL: api,
              TRIBUTARY_EMAIL: admin.email,
              TRIBUTARY_PASSWORD: admin.password,
            },
          },
          (error, stdout, stderr) =>
            resolve({
              status: error ? ((error.code as number | null) ?? null) : 0,
              stdout,
              stderr,
            }),
        );
      },
    );
    // Status 1: the job finished, with a rejected row.
    expect({ status: cli.status, errors: cli.stderr.match(/tributary: .*/g) }).toEqual({
      status: 1,
      errors: null,
    });
    expect(cli.stdout).toContain(
      `${user}.csv: partially_failed — energy.usage, csv; 2 rows read, 1 accepted, 1 rejected`,
    );
    // Line 3 of the file: the header is line 1.
    expect(cli.stdout).toContain('row 3: usage_kwh: must be a number, got "lots"');
  });

  it('fails malformed files with their reason and keeps running', async () => {
    const xlsx = fixture('banking.transactions');
    const cases: { name: string; bytes: Buffer; dataset: Dataset; error: RegExp }[] = [
      { name: 'empty.csv', bytes: Buffer.alloc(0), dataset: 'energy.usage', error: /empty/ },
      {
        name: 'junk.csv',
        bytes: randomBytes(4096),
        dataset: 'energy.usage',
        error: /binary|not valid/i,
      },
      {
        name: 'truncated.xlsx',
        bytes: xlsx.subarray(0, Math.floor(xlsx.length / 2)),
        dataset: 'banking.transactions',
        error: /XLSX|damaged|truncated/i,
      },
      {
        name: 'wrong-header.csv',
        bytes: Buffer.from('a,b,c\r\n1,2,3\r\n'),
        dataset: 'energy.usage',
        error: /missing user_id/,
      },
      {
        name: 'one-line.csv',
        bytes: Buffer.alloc(10 * 1024 * 1024, 'x'),
        dataset: 'energy.usage',
        error: /longer than/,
      },
      {
        name: 'bad.csv.gz',
        bytes: gzipSync(Buffer.from('user_id,date,usage_kwh\n'.repeat(2000))).subarray(0, 60),
        dataset: 'energy.usage',
        error: /gzip/i,
      },
    ];
    for (const c of cases) {
      const { status, body } = await upload([{ field: c.dataset, name: c.name, bytes: c.bytes }]);
      expect(status).toBe(202);
      const job = await finished(body.jobs[0]!.job_id);
      expect({ name: c.name, status: job.status }).toEqual({ name: c.name, status: 'failed' });
      expect(job.error).toMatch(c.error);
    }
    const ok = await upload([
      {
        field: 'energy.usage',
        name: 'after.csv',
        bytes: Buffer.from(`user_id,date,usage_kwh\nu-${Date.now()},2026-10-01,1\n`),
      },
    ]);
    expect((await finished(ok.body.jobs[0]!.job_id)).status).toBe('succeeded');
  });

  it('ingests every dataset dropped in the inbox once complete, and moves the files aside', async () => {
    const { rows, anomalies: planted } = other(44);
    const names = new Map(
      DATASETS.map((d) => [d, `${uniqueName(d.replace('.', '_'))}.${fileKind(d)}`]),
    );
    for (const [dataset, name] of names) {
      // Written under a temporary name, then renamed: the way a careful producer drops a file.
      writeFileSync(join(inbox, `${name}.part`), fileOf(dataset, rows[dataset]));
      renameSync(join(inbox, `${name}.part`), join(inbox, name));
    }
    // A file still being written keeps its temporary name and is left alone.
    const partial = `${uniqueName('partial')}.json.part`;
    writeFileSync(join(inbox, partial), '[{"product_id": "p-inbox-2", "na');
    const inboxJob = (name: string) =>
      waitFor(
        `the inbox job of ${name}`,
        async () => {
          const { body } = await get<{ items: Job[] }>('/v1/jobs?source=inbox&limit=100');
          const found = body.items?.find((j) => j.file_name === name);
          return found && FINAL.includes(found.status) ? found : undefined;
        },
        { timeoutMs: 60_000 },
      );
    for (const [dataset, name] of names)
      expect(await inboxJob(name)).toMatchObject(
        detectedJob(dataset, rows[dataset].length, planted),
      );
    expect(existsSync(join(inbox, partial))).toBe(true);
    const done = await readdir(join(inbox, '.done'));
    expect([...names.values()].filter((name) => !done.some((f) => f.endsWith(name)))).toEqual([]);
  });

  it('fetches SFTP files once, even across a restart', async () => {
    const { rows, anomalies: planted } = other(43);
    const folder = join(sftpRoot, sftpFolder);
    const names = new Map(DATASETS.map((d) => [d, `${d}.${fileKind(d)}`]));
    for (const [dataset, name] of names)
      writeFileSync(join(folder, name), fileOf(dataset, rows[dataset]));
    const sftpJobs = async (name: string) =>
      (await get<{ items: Job[] }>('/v1/jobs?source=sftp&limit=500')).body.items.filter(
        (j) => j.file_name === `${sftpFolder}/${name}`,
      );
    const sftpJob = (name: string) =>
      waitFor(
        `the SFTP job of ${name}`,
        async () => {
          const [found] = await sftpJobs(name);
          return found && FINAL.includes(found.status) ? found : undefined;
        },
        { timeoutMs: 60_000 },
      );
    for (const [dataset, name] of names)
      expect(await sftpJob(name)).toMatchObject(
        detectedJob(dataset, rows[dataset].length, planted),
      );

    const fileIngest = processes.find((p) => p.name === 'file-ingest')!;
    await fileIngest.stop();
    processes.splice(processes.indexOf(fileIngest), 1);
    processes.push(await startService('file-ingest', fileIngestEnv, fileIngestPort));
    // A file dropped after the restart is fetched: the restarted poller has listed the folder
    // since, and took the earlier files for ones it had fetched.
    writeFileSync(
      join(sftpRoot, sftpFolder, 'later.csv'),
      'client_id,name\r\nc-sftp-2,Bruno Martin\r\n',
    );
    await waitFor(
      'the job of the file dropped after the restart',
      async () =>
        (await get<{ items: Job[] }>('/v1/jobs?source=sftp&limit=500')).body.items.find(
          (j) => j.file_name === `${sftpFolder}/later.csv` && FINAL.includes(j.status),
        ),
      { timeoutMs: 60_000 },
    );
    for (const name of names.values()) expect((await sftpJobs(name)).length).toBe(1);
  });
});
