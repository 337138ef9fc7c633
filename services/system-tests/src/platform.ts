import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type ClickHouseClient } from '@clickhouse/client';
import {
  clickHouseConfigSchema,
  createClickHouse,
  createClickHouseDatabase,
  createKafka,
  createLogger,
  kafkaConfigSchema,
  loadConfig,
  type ClickHouseConfig,
} from '@tributary/platform';
import { TOPICS } from '@tributary/contracts';
import { analyticsDatasetsGroupId } from '@tributary/read-models';
import {
  freePort,
  newJwtPrivateKey,
  serviceSpec,
  skipToEnd,
  uniqueName,
  waitFor,
} from '@tributary/testing';
import { type Kafka } from 'kafkajs';
import { type PrivateClickHouse } from './private-clickhouse';
import { provisionTopics, type PrivateKafka } from './private-kafka';
import { Supervisor } from './supervisor';

const ROOT = join(__dirname, '..', '..', '..');

/** An ingest job as `GET /v1/jobs/{id}` answers it (what the scenarios read of it). */
export interface Job {
  job_id: string;
  status: string;
  rows: { read: number; accepted: number; rejected: number };
  error: string | null;
}

export const FINAL_JOB_STATES = ['succeeded', 'partially_failed', 'failed', 'duplicate'];

/** The catalog's telemetry topics: what the projector's telemetry group consumes. */
export const TELEMETRY_TOPICS = TOPICS.map((t) => t.topic).filter((t) =>
  t.startsWith('telemetry.'),
);
/**
 * Every other catalog topic: the projector's dataset group is moved past them, or it would
 * replay whatever the machine ever published to them into the run's database.
 */
const OTHER_TOPICS = TOPICS.map((t) => t.topic).filter((t) => !t.startsWith('telemetry.'));

export interface PlatformOptions {
  /** Names the run's database, consumer group and sensors. */
  readonly name: string;
  /** Another ClickHouse than the stack's (a scenario's own server, or a fault proxy before it). */
  readonly clickhouse?: { readonly url: string; readonly user: string; readonly password: string };
  /** A ClickHouse server of the run's own, started (and supervised) before the services. */
  readonly clickhouseServer?: PrivateClickHouse;
  /** A Kafka broker of the run's own, started (and supervised) and provisioned before them. */
  readonly kafkaServer?: PrivateKafka;
  /** Extra environment of the analytics-projector. */
  readonly projectorEnv?: Record<string, string>;
  /** Replicas of the analytics-projector in its group (default 1): `analytics-projector`, `-2`… */
  readonly projectorReplicas?: number;
  /** Replicas of the gateway (default 1): `gateway`, `gateway-2`…, each on its own port. */
  readonly gatewayReplicas?: number;
  /** Extra environment of the gateway (e.g. its DATABASE_URL through a fault proxy). */
  readonly gatewayEnv?: Record<string, string>;
  /**
   * The file path too: file-ingest (jobs from `POST /v1/files`) and directory-projector (the
   * jobs' states behind `/v1/jobs`), each on a consumer group of the run's own.
   */
  readonly files?: {
    readonly fileIngestEnv?: Record<string, string>;
    /** Replicas of directory-projector in its group (default 1): `directory-projector`, `-2`… */
    readonly directoryReplicas?: number;
  };
}

/**
 * How long a service may take to become ready: swc compiles it as it starts, which takes a minute
 * or more on a 2-core machine that four engineers' tests share.
 */
const STARTUP = { readyTimeoutMs: 180_000 };

/** The service names the supervisor knows the platform's processes by. */
export const SERVICES = {
  ingest: 'sensor-ingest',
  projector: 'analytics-projector',
  gateway: 'gateway',
  fileIngest: 'file-ingest',
  directory: 'directory-projector',
} as const;

/**
 * The readings path of Tributary as processes, under a supervisor: sensor-ingest, the
 * analytics-projector and the gateway, each its own `main.ts`, on the stack's Kafka, schema
 * registry, Postgres and Redis, and on a ClickHouse database of the run's own. The projector's
 * group starts at the end of the telemetry topics, so it projects the run's events only (and the
 * run's sensors are under `sensorPrefix`, so the checker tells its rows from anyone else's).
 */
export class Platform {
  readonly supervisor = new Supervisor();
  readonly database: string;
  readonly group: string;
  readonly sensorPrefix: string;
  readonly admin = {
    email: `${uniqueName('system')}@system.test`,
    password: randomBytes(12).toString('hex'),
  };
  /** What the gateway shows sensor-ingest on every RPC message (SERVICE_CREDENTIAL). */
  private readonly serviceCredential = randomBytes(32).toString('hex');
  readonly kafka: Kafka;
  readonly clickhouseConfig: ClickHouseConfig;
  api = '';
  /** Every gateway replica's base URL (`api` is the first's). */
  apis: string[] = [];
  token = '';
  /** Where the telemetry topics ended when the run began: the replay scenario rewinds to it. */
  startOffsets: { topic: string; partition: number; offset: string }[] = [];

  private constructor(private readonly options: PlatformOptions) {
    const id = `${options.name}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    this.database = `system_${id}`;
    this.group = `system-${id}`;
    this.sensorPrefix = `sys-${id.replace(/_/g, '-')}-`;
    const stack = loadConfig(clickHouseConfigSchema, process.env);
    const other = options.clickhouse ?? options.clickhouseServer;
    this.clickhouseConfig = other
      ? {
          ...stack,
          CLICKHOUSE_URL: other.url,
          CLICKHOUSE_USER: other.user,
          CLICKHOUSE_PASSWORD: other.password,
        }
      : stack;
    this.kafka = createKafka(
      loadConfig(kafkaConfigSchema, {
        ...process.env,
        ...(options.kafkaServer ? { KAFKA_BROKERS: options.kafkaServer.brokers } : {}),
      }),
      `system-tests-${id}`,
      createLogger('system-tests', 'warn'),
    );
  }

  static async start(options: PlatformOptions): Promise<Platform> {
    const platform = new Platform(options);
    try {
      await platform.boot();
    } catch (error) {
      await platform.stop(); // what did start must not outlive the failed boot
      throw error;
    }
    return platform;
  }

  /** The stores the services reach: the run's ClickHouse database, and its own Kafka if any. */
  private storeEnv(): Record<string, string> {
    return {
      ...(this.options.kafkaServer ? { KAFKA_BROKERS: this.options.kafkaServer.brokers } : {}),
      CLICKHOUSE_URL: this.clickhouseConfig.CLICKHOUSE_URL,
      CLICKHOUSE_USER: this.clickhouseConfig.CLICKHOUSE_USER,
      CLICKHOUSE_PASSWORD: this.clickhouseConfig.CLICKHOUSE_PASSWORD,
      CLICKHOUSE_DATABASE: this.database,
    };
  }

  /** A client of the run's ClickHouse database, for the checker and for planting faults. */
  clickhouse(): ClickHouseClient {
    return createClickHouse(
      this.clickhouseConfig,
      createLogger('system-tests', 'warn'),
      this.database,
    );
  }

  private async boot(): Promise<void> {
    if (this.options.clickhouseServer)
      await this.supervisor.start(this.options.clickhouseServer.spec);
    if (this.options.kafkaServer) {
      await this.supervisor.start(this.options.kafkaServer.spec);
      provisionTopics(this.options.kafkaServer.brokers);
    }
    await (
      await createClickHouseDatabase(
        this.clickhouseConfig,
        createLogger('system-tests', 'warn'),
        this.database,
      )
    ).close();
    // A broker just provisioned may still be electing its new topics' leaders.
    this.startOffsets = await waitFor(
      'the telemetry topics to have leaders',
      () => topicEnds(this.kafka, TELEMETRY_TOPICS),
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    // A fresh broker creates its group coordinator's topic on first use: retried until it is up.
    const skip = (group: string, topics: readonly string[]) =>
      waitFor(
        `group ${group} to start at the topics' ends`,
        async () => {
          await skipToEnd(this.kafka, group, topics);
          return true;
        },
        { timeoutMs: 60_000, intervalMs: 1_000 },
      );
    await skip(this.group, TELEMETRY_TOPICS);
    // The dataset projection's group too: it would otherwise replay every dataset topic.
    await skip(analyticsDatasetsGroupId(this.group), OTHER_TOPICS);

    const rpcPort = await freePort();
    await this.supervisor.start(
      serviceSpec(
        SERVICES.ingest,
        {
          ...this.storeEnv(),
          RPC_PORT: String(rpcPort),
          SERVICE_CREDENTIAL: this.serviceCredential,
          PUBLISH_TIMEOUT_MS: '10000',
          LOG_LEVEL: 'info',
        },
        await freePort(),
        STARTUP,
      ),
    );
    const projectorEnv = {
      ...this.storeEnv(),
      PROJECTOR_GROUP_ID: this.group,
      LOG_LEVEL: 'info',
      ...this.options.projectorEnv,
    };
    for (let replica = 1; replica <= (this.options.projectorReplicas ?? 1); replica++) {
      const spec = serviceSpec(SERVICES.projector, projectorEnv, await freePort(), STARTUP);
      await this.supervisor.start(
        replica === 1 ? spec : { ...spec, name: `${SERVICES.projector}-${replica}` },
      );
    }
    if (this.options.files) await this.startFilePath(this.options.files);
    const gatewayEnv = {
      ...this.storeEnv(),
      SENSOR_INGEST_ADDRESS: `127.0.0.1:${rpcPort}`,
      SERVICE_CREDENTIAL: this.serviceCredential,
      // One signing key for every replica: a token one issued, any other accepts.
      JWT_PRIVATE_KEY: newJwtPrivateKey(),
      TRIBUTARY_ADMIN_EMAIL: this.admin.email,
      TRIBUTARY_ADMIN_PASSWORD: this.admin.password,
      // The load and the checker's reads measure the platform, not the limits.
      RATE_LIMITS: 'auth=1000/1s,ingest=100000/1s,query=100000/1s',
      PRINCIPAL_RATE_LIMITS: 'account=1000000/60s,ingest=10000000/60s',
      CONSOLE_DIR: 'off',
      LOG_LEVEL: 'warn',
      ...this.options.gatewayEnv,
    };
    for (let replica = 1; replica <= (this.options.gatewayReplicas ?? 1); replica++) {
      const port = await freePort();
      const spec = serviceSpec(
        SERVICES.gateway,
        { ...gatewayEnv, OPS_PORT: String(await freePort()) },
        port,
        STARTUP,
      );
      await this.supervisor.start(
        replica === 1 ? spec : { ...spec, name: `${SERVICES.gateway}-${replica}` },
      );
      this.apis.push(`http://127.0.0.1:${port}`);
    }
    this.api = this.apis[0]!;
    this.token = await this.login();
  }

  /**
   * file-ingest and directory-projector, their groups started at the topics' ends (the run's jobs
   * only). The landing store is the stack's (LANDING_DIR), which the gateway writes too.
   */
  private async startFilePath(files: NonNullable<PlatformOptions['files']>): Promise<void> {
    const all = TOPICS.map((t) => t.topic);
    await skipToEnd(this.kafka, `${this.group}-directory`, all);
    await skipToEnd(this.kafka, `${this.group}-files`, ['ingest.files-received']);
    for (let replica = 1; replica <= (files.directoryReplicas ?? 1); replica++) {
      const spec = serviceSpec(
        SERVICES.directory,
        { DIRECTORY_GROUP_ID: `${this.group}-directory`, LOG_LEVEL: 'warn' },
        await freePort(),
        STARTUP,
      );
      await this.supervisor.start(
        replica === 1 ? spec : { ...spec, name: `${SERVICES.directory}-${replica}` },
      );
    }
    await this.supervisor.start(
      serviceSpec(
        SERVICES.fileIngest,
        {
          ...(this.options.kafkaServer ? { KAFKA_BROKERS: this.options.kafkaServer.brokers } : {}),
          FILE_INGEST_GROUP_ID: `${this.group}-files`,
          JOB_PROGRESS_INTERVAL_MS: '500',
          LOG_LEVEL: 'info',
          ...files.fileIngestEnv,
        },
        await freePort(),
        STARTUP,
      ),
    );
  }

  /** Uploads a file for `dataset` through the first gateway; resolves with its job's id (202). */
  async upload(dataset: string, bytes: Buffer, name: string): Promise<string> {
    const form = new FormData();
    form.append('dataset', dataset);
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const response = await fetch(`${this.api}/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}` },
      body: form,
    });
    const body = (await response.json()) as { jobs?: { job_id: string }[] };
    if (response.status !== 202 || !body.jobs?.[0])
      throw new Error(`upload: ${response.status} ${JSON.stringify(body)}`);
    return body.jobs[0].job_id;
  }

  /** The job as `GET /v1/jobs/{id}` gives it; undefined while the directory does not hold it. */
  async job(id: string): Promise<Job | undefined> {
    const response = await fetch(`${this.api}/v1/jobs/${id}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    return response.status === 200 ? ((await response.json()) as Job) : undefined;
  }

  /** Resolves with the job once it is in a final state. */
  finishedJob(id: string, timeoutMs: number): Promise<Job> {
    return waitFor(
      `job ${id} to finish`,
      async () => {
        const job = await this.job(id);
        return job && FINAL_JOB_STATES.includes(job.status) ? job : undefined;
      },
      { timeoutMs, intervalMs: 250 },
    );
  }

  async login(): Promise<string> {
    const response = await fetch(`${this.api}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(this.admin),
    });
    if (response.status !== 200)
      throw new Error(`login: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  /** Resolves once the projector's group has committed every telemetry partition to its end. */
  async drain(timeoutMs = 120_000): Promise<void> {
    await waitForGroup(this.kafka, this.group, TELEMETRY_TOPICS, timeoutMs);
  }

  async stop(): Promise<void> {
    await this.supervisor.stopAll();
  }
}

/**
 * Applies a service's database migrations the way a deployment's Job does (`node . migrate`):
 * for the tables a scenario reads without running the service that owns them (the directory's
 * jobs for the gateway's `/v1/jobs`).
 */
export function migrateService(name: string): void {
  const spec = serviceSpec(name, {}, 1);
  const result = spawnSync(spec.command, [...spec.args, 'migrate'], {
    cwd: ROOT,
    env: spec.env,
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`${name} migrate failed: ${result.stderr || result.stdout}`);
}

export async function topicEnds(
  kafka: Kafka,
  topics: readonly string[],
): Promise<{ topic: string; partition: number; offset: string }[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const out: { topic: string; partition: number; offset: string }[] = [];
    for (const topic of topics)
      for (const { partition, high } of await admin.fetchTopicOffsets(topic))
        out.push({ topic, partition, offset: high });
    return out;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until `group` has committed, on every partition of `topics`, the offset the partition
 * ends at: everything produced so far is projected (the projector commits after its flush).
 */
export async function waitForGroup(
  kafka: Kafka,
  group: string,
  topics: readonly string[],
  timeoutMs: number,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const deadline = Date.now() + timeoutMs;
  let behind = '';
  try {
    for (;;) {
      const ends = new Map<string, string>();
      for (const topic of topics)
        for (const { partition, high } of await admin.fetchTopicOffsets(topic))
          ends.set(`${topic}/${partition}`, high);
      const committed = await admin.fetchOffsets({ groupId: group, topics: [...topics] });
      const lagging: string[] = [];
      for (const { topic, partitions } of committed)
        for (const { partition, offset } of partitions) {
          const end = ends.get(`${topic}/${partition}`) ?? '0';
          const at = offset === '-1' ? 0n : BigInt(offset);
          if (at < BigInt(end)) lagging.push(`${topic}/${partition} at ${at} of ${end}`);
        }
      if (lagging.length === 0) return;
      behind = lagging.join(', ');
      if (Date.now() > deadline)
        throw new Error(`group ${group} did not drain within ${timeoutMs} ms: ${behind}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await admin.disconnect();
  }
}
