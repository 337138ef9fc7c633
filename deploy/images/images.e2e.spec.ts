import { randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPICS } from '@tributary/contracts';
import {
  ch,
  clickHouseConfigSchema,
  createClickHouse,
  createKafka,
  createLogger,
  kafkaConfigSchema,
  loadConfig,
} from '@tributary/platform';
import {
  createPostgresDatabase,
  dropPostgresDatabase,
  freePort,
  skipToEnd,
  uniqueName,
  waitFor,
  type ServiceProcess,
  newJwtPrivateKey,
} from '@tributary/testing';
import { ANALYTICS_MIGRATIONS, DIRECTORY_MIGRATIONS } from '@tributary/read-models';
import { FILE_INGEST_MIGRATIONS } from '../../services/file-ingest/src/migrate';
import { GATEWAY_MIGRATIONS } from '../../services/gateway/src/migrate';
import { ImageContainer, imageSettings, type RunOptions, type Volume } from './image-runner';

/**
 * Every image, run from its own filesystem against the local stack, as a pod would run it:
 * provision, then each service's `migrate` entry point, then every service with MIGRATIONS=skip
 * (so each also proves the migrations it needs were applied), each reaching /health/ready. Then
 * one reading and one small file go through the image-built gateway and are read back through it:
 * gateway → sensor-ingest → Kafka → analytics-projector → ClickHouse, and gateway → landing volume
 * → file-ingest → Kafka → both projectors → Postgres and ClickHouse.
 *
 * The check has databases, ports and consumer groups of its own (its groups start at the topics'
 * ends), so services already running on this machine keep theirs. The topics are shared: those
 * services see the check's events too.
 *
 * The images are built by `npm run images` (or `npm test`, which builds them first).
 */
const IMAGE_LANDING = '/var/lib/tributary/landing';
const IMAGE_INBOX = '/var/lib/tributary/inbox';
/** The uid the images run as (the Dockerfile's USER): volumes must be writable by it. */
const IMAGE_UID = 1000;

interface Figure {
  unit: string;
  step: string;
  seconds: number;
}

describe('the images, run from their own filesystems', () => {
  const settings = imageSettings();
  const run = uniqueName('image_check');
  const containers = new Map<string, ImageContainer>();
  const services: ServiceProcess[] = [];
  const figures: Figure[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'image-check-'));
  const landing = join(scratch, 'landing');
  const inbox = join(scratch, 'inbox');
  const volumes: Volume[] = [
    { host: landing, container: IMAGE_LANDING },
    { host: inbox, container: IMAGE_INBOX },
  ];
  const admin = { email: `${run}@image-check.test`, password: randomBytes(12).toString('hex') };
  const ports: Record<string, number> = {};
  let databaseUrl: string;
  let api: string;
  let token: string;

  const chAdmin = () =>
    createClickHouse(
      loadConfig(clickHouseConfigSchema, process.env),
      createLogger('image-check', 'warn'),
      'default',
    );
  const timed = async <T>(unit: string, step: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    figures.push({ unit, step, seconds: (performance.now() - started) / 1000 });
    return result;
  };

  /** What every unit is given: the stack's endpoints, with the check's own databases. */
  const baseEnv = (): Record<string, string> => {
    const pick = (key: string) => {
      const value = process.env[key];
      if (value === undefined) throw new Error(`${key} is not set: is the stack up?`);
      return value;
    };
    return {
      LOG_LEVEL: 'info',
      KAFKA_BROKERS: pick('KAFKA_BROKERS'),
      SCHEMA_REGISTRY_URL: pick('SCHEMA_REGISTRY_URL'),
      CLICKHOUSE_URL: pick('CLICKHOUSE_URL'),
      CLICKHOUSE_USER: pick('CLICKHOUSE_USER'),
      CLICKHOUSE_PASSWORD: pick('CLICKHOUSE_PASSWORD'),
      CLICKHOUSE_DATABASE: run,
      DATABASE_URL: databaseUrl,
      REDIS_URL: pick('REDIS_URL'),
      MIGRATIONS: 'skip',
    };
  };
  const serviceCredential = randomBytes(32).toString('hex');
  const serviceEnv = (unit: string): Record<string, string> => {
    const env = { ...baseEnv(), HTTP_PORT: String(ports[unit]) };
    switch (unit) {
      case 'analytics-projector':
        return { ...env, PROJECTOR_GROUP_ID: `${run}-analytics` };
      case 'directory-projector':
        return { ...env, DIRECTORY_GROUP_ID: `${run}-directory` };
      case 'sensor-ingest':
        return {
          ...env,
          RPC_PORT: String(ports['sensor-ingest-rpc']),
          PUBLISH_TIMEOUT_MS: '5000',
          SERVICE_CREDENTIAL: serviceCredential,
        };
      case 'file-ingest':
        return {
          ...env,
          FILE_INGEST_GROUP_ID: `${run}-file-ingest`,
          LANDING_DIR: IMAGE_LANDING,
          INBOX_DIR: IMAGE_INBOX,
          JOB_PROGRESS_INTERVAL_MS: '200',
        };
      case 'gateway':
        return {
          ...env,
          LANDING_DIR: IMAGE_LANDING,
          SENSOR_INGEST_ADDRESS: `127.0.0.1:${ports['sensor-ingest-rpc']}`,
          OPS_PORT: String(ports['gateway-ops']),
          JWT_PRIVATE_KEY: newJwtPrivateKey(),
          SERVICE_CREDENTIAL: serviceCredential,
          TRIBUTARY_ADMIN_EMAIL: admin.email,
          TRIBUTARY_ADMIN_PASSWORD: admin.password,
          RATE_LIMITS: 'auth=100/1s,ingest=100/1s,query=100/1s,banking=100/1s',
          PRINCIPAL_RATE_LIMITS: 'anonymous=100000/1s,account=100000/1s,ingest=100000/1s',
        };
      default:
        throw new Error(`no service environment for ${unit}`);
    }
  };
  /** The groups the check's services consume with, all moved to the topics' ends first. */
  const groups = [
    `${run}-analytics`,
    `${run}-analytics-datasets`,
    `${run}-directory`,
    `${run}-file-ingest`,
  ];
  const SERVICES = [
    'analytics-projector',
    'directory-projector',
    'sensor-ingest',
    'file-ingest',
    'gateway',
  ];
  const MIGRATING = ['gateway', 'file-ingest', 'directory-projector', 'analytics-projector'];

  const call = async <T>(
    path: string,
    init: RequestInit = {},
  ): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${api}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  beforeAll(async () => {
    for (const unit of settings.units) {
      containers.set(unit, await ImageContainer.create(settings, unit, `${run}-${unit}`));
    }
    for (const dir of [landing, inbox]) {
      mkdirSync(dir);
      chownSync(dir, IMAGE_UID, IMAGE_UID);
    }
    databaseUrl = await createPostgresDatabase(process.env['DATABASE_URL']!, run);
    const admin = chAdmin();
    await admin.command({ query: `CREATE DATABASE ${ch.table(run).text}` });
    await admin.close();
    for (const name of [...SERVICES, 'sensor-ingest-rpc', 'gateway-ops']) {
      ports[name] = await freePort();
    }
  }, 300_000);

  afterAll(async () => {
    await timed('all', 'stop', () => Promise.all(services.map((service) => service.stop())));
    await timed('all', 'remove', () =>
      Promise.all([...containers.values()].map((container) => container.remove())),
    );
    const admin = chAdmin();
    await admin
      .command({ query: `DROP DATABASE IF EXISTS ${ch.table(run).text}` })
      .catch(() => undefined);
    await admin.close();
    if (databaseUrl)
      await dropPostgresDatabase(process.env['DATABASE_URL']!, run).catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
    const lines = figures.map(
      (f) => `${f.unit.padEnd(20)} ${f.step.padEnd(10)} ${f.seconds.toFixed(1).padStart(6)} s`,
    );
    const report = `images checked (${run}):\n${lines.join('\n')}\n`;
    const results = process.env['TRIBUTARY_TEST_RESULTS'];
    if (results) writeFileSync(join(results, 'images-check.txt'), report);
    process.stdout.write(report);
  }, 120_000);

  it('provisions the topics and schemas with the provision image', async () => {
    const container = containers.get('provision')!;
    const env: RunOptions = {
      env: {
        LOG_LEVEL: 'info',
        KAFKA_BROKERS: process.env['KAFKA_BROKERS']!,
        SCHEMA_REGISTRY_URL: process.env['SCHEMA_REGISTRY_URL']!,
      },
    };
    const result = await timed('provision', 'run', () => container.runOnce(env));
    expect({ code: result.code, output: result.output }).toEqual({
      code: 0,
      output: expect.any(String),
    });
  });

  /** Every migration of each unit, as its source declares them: a fresh database needs them all. */
  const sqlNames = (folder: string) =>
    readdirSync(folder).map((file) => file.replace(/\.sql$/, ''));
  const classNames = (migrations: readonly (new () => { name?: string })[]) =>
    migrations.map((M) => new M().name!);
  const EXPECTED_MIGRATIONS: Record<string, Record<string, string[]>> = {
    gateway: { postgres: classNames(GATEWAY_MIGRATIONS) },
    'file-ingest': { postgres: classNames(FILE_INGEST_MIGRATIONS) },
    'directory-projector': { postgres: classNames(DIRECTORY_MIGRATIONS) },
    'analytics-projector': {
      telemetry: sqlNames(ANALYTICS_MIGRATIONS.telemetry),
      datasets: sqlNames(ANALYTICS_MIGRATIONS.datasets),
    },
  };

  it.each(MIGRATING)('applies every one of %s’s migrations with `node . migrate`', async (unit) => {
    const result = await timed(unit, 'migrate', () =>
      containers.get(unit)!.runOnce({ env: baseEnv() }, ['migrate']),
    );
    expect(result.code).toBe(0);
    // The command's last word: one JSON line with every migration it applied, by store.
    const line = result.output.split('\n').find((l) => l.includes('"applied":{'));
    expect(line).toBeDefined();
    expect((JSON.parse(line!) as { applied: unknown }).applied).toEqual(EXPECTED_MIGRATIONS[unit]);
  });

  it('starts every service from its image, each reaching /health/ready', async () => {
    // After provisioning: the topics exist now.
    const kafka = createKafka(
      loadConfig(kafkaConfigSchema, process.env),
      'image-check',
      createLogger('image-check', 'warn'),
    );
    const topics = TOPICS.map((spec) => spec.topic);
    for (const group of groups) await skipToEnd(kafka, group, topics);
    for (const unit of SERVICES) {
      services.push(
        await timed(unit, 'ready', () =>
          containers.get(unit)!.start({ env: serviceEnv(unit), volumes }, ports[unit]!),
        ),
      );
    }
    api = `http://127.0.0.1:${ports['gateway']}`;
    const login = await fetch(`${api}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    });
    expect(login.status).toBe(200);
    token = ((await login.json()) as { access_token: string }).access_token;
  }, 600_000);

  it('serves the web console from the gateway image, under its Content-Security-Policy', async () => {
    const page = await fetch(`${api}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = /src="\.\/(assets\/app-[A-Z0-9]+\.js)"/.exec(await page.text())?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${api}/console/${script}`)).status).toBe(200);
  });

  it('records a reading through the image-built gateway and reads it back', async () => {
    const sensor = `image-check-${randomBytes(4).toString('hex')}`;
    const reading = {
      sensor_id: sensor,
      timestamp: '2026-11-22T10:00:00.000Z',
      temperature: 21.5,
      humidity: 48,
    };
    const posted = await call<{ accepted: number; ids: string[] }>('/v1/sensors/readings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(reading),
    });
    expect(posted.status).toBe(202);
    expect(posted.body.accepted).toBe(1);
    const items = await timed('gateway', 'reading', () =>
      waitFor(
        'the reading to be readable',
        async () => {
          const { status, body } = await call<{ items: Record<string, unknown>[] }>(
            `/v1/sensors/${sensor}/readings`,
          );
          return status === 200 && body.items.length > 0 ? body.items : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 250 },
      ),
    );
    expect(items).toEqual([
      expect.objectContaining({
        id: posted.body.ids[0],
        sensor_id: sensor,
        timestamp: reading.timestamp,
        temperature: 21.5,
        humidity: 48,
      }),
    ]);
  }, 120_000);

  it('ingests a small file uploaded through the image-built gateway and reads its rows back', async () => {
    const user = `u-${randomBytes(4).toString('hex')}`;
    const csv = `user_id,date,usage_kwh\n${user},2026-11-01,12.5\n${user},2026-11-02,7.25\n${user},2026-11-03,lots\n`;
    const form = new FormData();
    form.append('dataset', 'energy.usage');
    form.append('file', new Blob([csv]), 'usage.csv');
    const uploaded = await call<{ jobs: { job_id: string }[] }>('/v1/files', {
      method: 'POST',
      body: form,
    });
    expect(uploaded.status).toBe(202);
    const jobId = uploaded.body.jobs[0]!.job_id;
    // Until it is partially_failed with every row read: a file-ingest of another deployment on the
    // same topics (npm start's) may fail the job first, for want of this check's landing volume.
    const job = await timed('file-ingest', 'file', () =>
      waitFor(
        `job ${jobId} to finish`,
        async () => {
          const { status, body } = await call<{ status: string; rows: Record<string, number> }>(
            `/v1/jobs/${jobId}`,
          );
          return status === 200 && body.status === 'partially_failed' ? body : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 250 },
      ),
    );
    expect(job.rows).toEqual({ read: 3, accepted: 2, rejected: 1 });
    const usage = await waitFor(
      'the accepted rows to be readable',
      async () => {
        const { status, body } = await call<{ items: { period: string; usage_kwh: number }[] }>(
          `/v1/energy/usage?user_id=${user}`,
        );
        return status === 200 && body.items.length === 2 ? body.items : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(usage.map((row) => [row.period, row.usage_kwh]).sort()).toEqual([
      ['2026-11-01', 12.5],
      ['2026-11-02', 7.25],
    ]);
  }, 180_000);
});
