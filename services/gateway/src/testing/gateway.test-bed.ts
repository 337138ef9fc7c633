import { randomBytes } from 'node:crypto';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TOPICS } from '@tributary/contracts';
import {
  clickHouseConfigSchema,
  createClickHouseDatabase,
  createKafka,
  dropClickHouseDatabase,
  createLogger,
  kafkaConfigSchema,
  loadConfig,
} from '@tributary/platform';
import { ANALYTICS_MIGRATIONS, analyticsProjectionGroups } from '@tributary/read-models';
import {
  freePort,
  skipToEnd,
  startService,
  uniqueName,
  waitFor,
  type ServiceProcess,
} from '@tributary/testing';
import { gatewayConfigSchema, type GatewayConfig } from '../config/gateway.config';
import { createGateway } from '../main';
import { TEST_JWT_PRIVATE_KEY } from './jwt-test-key';
import { accessToken, listenOnLoopback } from './standalone-gateway';

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** One HTTP call to a gateway; JSON bodies are parsed, anything else is the text. */
export async function call<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  {
    token,
    body,
    raw,
    apiKey,
  }: { token?: string; body?: unknown; raw?: string; apiKey?: string } = {},
): Promise<Reply<T>> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(apiKey ? { 'x-api-key': apiKey } : {}),
      ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  const parsed = (
    text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text
  ) as T;
  return { status: response.status, headers: response.headers, body: parsed };
}

export interface Account {
  email: string;
  password: string;
}

export const newAccount = (prefix: string): Account => ({
  email: `${uniqueName(prefix)}@e2e.test`,
  password: randomBytes(12).toString('hex'),
});

export interface GatewayTestBedOptions {
  /** sensor-ingest as its own process, for routes that record readings. */
  readonly ingest?: boolean;
  /**
   * analytics-projector as its own process with this consumer group, into a database of the run's
   * own named after `database`.
   */
  readonly projector?: { readonly database: string; readonly group: string };
}

/**
 * The gateway in this process (as `main.ts` creates it), with the services a suite needs as their
 * own processes, against the real stack. A projector's consumer groups are fixed by its suite and
 * moved to the topics' ends before it first starts: on a stack that already holds millions of
 * readings (a benchmark's, the system tests') it would otherwise still be replaying them when a
 * test waits for its own.
 */
export class GatewayTestBed {
  /** The PEM that signs this bed's access tokens (JWT_PRIVATE_KEY). */
  readonly jwtPrivateKey = TEST_JWT_PRIVATE_KEY;
  /** What the gateways and sensor-ingest share (SERVICE_CREDENTIAL). */
  readonly serviceCredential = randomBytes(32).toString('hex');
  readonly admin = newAccount('admin');
  readonly processes: ServiceProcess[] = [];
  private readonly gateways: NestFastifyApplication[] = [];
  private baseEnv: Record<string, string> = {};
  config!: GatewayConfig;
  /** The first gateway's address. */
  api = '';
  ingest?: ServiceProcess;
  private projectorEnv: Record<string, string> = {};
  private projectorPort = 0;
  private readonly clickhouseConfig = loadConfig(clickHouseConfigSchema, process.env);
  /** The database made for this run's projector, dropped by `stop`. */
  private ownDatabase?: string;

  private constructor(private readonly options: GatewayTestBedOptions) {}

  static async start(options: GatewayTestBedOptions = {}): Promise<GatewayTestBed> {
    const bed = new GatewayTestBed(options);
    await bed.boot();
    return bed;
  }

  private async boot(): Promise<void> {
    // With a projector, a database of this run's own, created empty (the projector migrates it as
    // it starts) and dropped at the end: its groups start at the topics' ends, so nothing an
    // earlier run stored would be projected again, only slow the reads down. Without one, the
    // shared database's readings tables are made here, so reads answer from them (empty) whichever
    // suite ran first.
    const database = this.options.projector
      ? uniqueName(this.options.projector.database)
      : 'gateway_e2e';
    await (
      await createClickHouseDatabase(
        this.clickhouseConfig,
        createLogger('test', 'warn'),
        database,
        this.options.projector ? [] : [ANALYTICS_MIGRATIONS.telemetry],
      )
    ).close();
    if (this.options.projector) this.ownDatabase = database;

    const rpcPort = await freePort();
    if (this.options.ingest) {
      this.ingest = await startService(
        'sensor-ingest',
        {
          RPC_PORT: String(rpcPort),
          PUBLISH_TIMEOUT_MS: '10000',
          SERVICE_CREDENTIAL: this.serviceCredential,
          LOG_LEVEL: 'info',
        },
        await freePort(),
      );
      this.processes.push(this.ingest);
    }
    if (this.options.projector) {
      await this.skipProjectorToEnd(this.options.projector.group);
      this.projectorPort = await freePort();
      this.projectorEnv = {
        CLICKHOUSE_DATABASE: database,
        PROJECTOR_GROUP_ID: this.options.projector.group,
        LOG_LEVEL: 'info',
      };
      this.processes.push(
        await startService('analytics-projector', this.projectorEnv, this.projectorPort),
      );
    }
    this.baseEnv = {
      HTTP_PORT: '1',
      CLICKHOUSE_DATABASE: database,
      SENSOR_INGEST_ADDRESS: `127.0.0.1:${rpcPort}`,
      JWT_PRIVATE_KEY: this.jwtPrivateKey,
      REGISTRATION: 'open',
      // Every suite signs in from 127.0.0.1 against one Redis: the per-address rule is unit-tested.
      LOGIN_FREE_FAILURES_PER_IP: '1000000',
      SERVICE_CREDENTIAL: this.serviceCredential,
      TRIBUTARY_ADMIN_EMAIL: this.admin.email,
      TRIBUTARY_ADMIN_PASSWORD: this.admin.password,
      // The gateway reads ClickHouse as the stack's read-only API user, as deployed.
      CLICKHOUSE_USER: process.env['CLICKHOUSE_API_USER'] ?? '',
      CLICKHOUSE_PASSWORD: process.env['CLICKHOUSE_API_PASSWORD'] ?? '',
      RATE_LIMITS: 'auth=1000/1s,ingest=1000/1s,query=1000/1s,banking=1000/1s',
      PRINCIPAL_RATE_LIMITS: 'anonymous=100000/1s,account=100000/1s,ingest=100000/1s',
      LOG_LEVEL: 'warn',
    };
    this.config = loadConfig(gatewayConfigSchema, { ...process.env, ...this.baseEnv });
    this.api = await this.startGateway();
  }

  private async skipProjectorToEnd(group: string): Promise<void> {
    const logger = createLogger('test', 'warn');
    const kafka = createKafka(loadConfig(kafkaConfigSchema, process.env), 'gateway-e2e', logger);
    const topics = TOPICS.map((t) => t.topic);
    // Telemetry's group and the datasets'; a broker just started may still be creating its group
    // coordinator's topic, hence the retries.
    for (const groupId of analyticsProjectionGroups(group))
      await waitFor(
        `group ${groupId} to start at the topics' ends`,
        async () => {
          await skipToEnd(kafka, groupId, topics);
          return true;
        },
        { timeoutMs: 60_000, intervalMs: 1_000 },
      );
  }

  /** Another gateway on the same stack (and Redis), with `overrides` in its environment. */
  async startGateway(overrides: Record<string, string> = {}): Promise<string> {
    const app = await createGateway(
      loadConfig(gatewayConfigSchema, { ...process.env, ...this.baseEnv, ...overrides }),
    );
    this.gateways.push(app);
    return (await listenOnLoopback(app)).api;
  }

  /** The account's access token (a login). */
  token(account: Account): Promise<string> {
    return accessToken(this.api, account);
  }

  /** A newly registered analyst and its access token. */
  async analyst(): Promise<{ account: Account; token: string }> {
    const account = newAccount('analyst');
    const registered = await call(this.api, 'POST', '/v1/auth/register', { body: account });
    if (registered.status !== 202) throw new Error(`register: ${registered.status}`);
    return { account, token: await this.token(account) };
  }

  /** SIGKILLs the projector (a crash: no shutdown hooks) and starts it again with its group. */
  async crashProjector(): Promise<void> {
    const projector = this.processes.find((p) => p.name === 'analytics-projector');
    if (!projector) throw new Error('this test bed has no projector');
    await projector.kill();
    this.processes.splice(this.processes.indexOf(projector), 1);
    this.processes.push(
      await startService('analytics-projector', this.projectorEnv, this.projectorPort),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.gateways.map((app) => app.close()));
    await Promise.all(this.processes.map((p) => p.stop()));
    if (this.ownDatabase)
      await dropClickHouseDatabase(
        this.clickhouseConfig,
        createLogger('test', 'warn'),
        this.ownDatabase,
      );
  }
}
