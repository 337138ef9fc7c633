import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { readingIdFor } from '@tributary/contracts';
import {
  ch,
  clickHouseConfigSchema,
  createClickHouse,
  createLogger,
  loadConfig,
} from '@tributary/platform';
import {
  freePort,
  startService,
  uniqueName,
  waitFor,
  type ServiceProcess,
} from '@tributary/testing';
import { gatewayConfigSchema, type GatewayConfig } from './config/gateway.config';
import { createGateway } from './main';

/**
 * The telemetry slice through the public API, with every process as deployed: sensor-ingest and
 * analytics-projector run as their own processes, the gateway in this one, all against the real
 * stack. The projector writes to a ClickHouse database of this suite's own; its consumer group is
 * fixed, so a rerun resumes instead of replaying every earlier run.
 */
const DATABASE = 'gateway_e2e';
const PROJECTOR_GROUP = 'gateway-e2e-projector';

interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

async function call<T = Record<string, unknown>>(
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

interface ReadingItem {
  id: string;
  sensor_id: string;
  timestamp: string;
  temperature: number | null;
  pressure: number | null;
  humidity: number | null;
  metrics: Record<string, number>;
  version: number;
}

interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

describe('telemetry through the gateway', () => {
  const sensor = uniqueName('e2e-sensor');
  const jwtSecret = randomBytes(32).toString('hex');
  const admin = {
    email: `${uniqueName('admin')}@e2e.test`,
    password: randomBytes(12).toString('hex'),
  };
  const analyst = {
    email: `${uniqueName('analyst')}@e2e.test`,
    password: randomBytes(12).toString('hex'),
  };
  const processes: ServiceProcess[] = [];
  const gateways: NestFastifyApplication[] = [];
  let config: GatewayConfig;
  let ingest: ServiceProcess;
  let projectorEnv: Record<string, string>;
  let projectorPort: number;
  let api: string;
  let adminToken: string;
  let analystToken: string;
  let baseEnv: Record<string, string>;

  async function startGateway(overrides: Record<string, string> = {}): Promise<string> {
    const app = await createGateway(
      loadConfig(gatewayConfigSchema, { ...process.env, ...baseEnv, ...overrides }),
    );
    gateways.push(app);
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address();
    if (typeof address !== 'object' || !address) throw new Error('gateway has no address');
    return `http://127.0.0.1:${address.port}`;
  }

  beforeAll(async () => {
    const chAdmin = createClickHouse(
      loadConfig(clickHouseConfigSchema, process.env),
      createLogger('test', 'warn'),
      'default',
    );
    await chAdmin.command({ query: `CREATE DATABASE IF NOT EXISTS ${ch.table(DATABASE).text}` });
    await chAdmin.close();

    const rpcPort = await freePort();
    ingest = await startService(
      'sensor-ingest',
      { RPC_PORT: String(rpcPort), PUBLISH_TIMEOUT_MS: '10000', LOG_LEVEL: 'info' },
      await freePort(),
    );
    processes.push(ingest);
    projectorPort = await freePort();
    projectorEnv = {
      CLICKHOUSE_DATABASE: DATABASE,
      PROJECTOR_GROUP_ID: PROJECTOR_GROUP,
      LOG_LEVEL: 'info',
    };
    processes.push(await startService('analytics-projector', projectorEnv, projectorPort));

    baseEnv = {
      HTTP_PORT: '1',
      CLICKHOUSE_DATABASE: DATABASE,
      SENSOR_INGEST_ADDRESS: `127.0.0.1:${rpcPort}`,
      JWT_SECRET: jwtSecret,
      TRIBUTARY_ADMIN_EMAIL: admin.email,
      TRIBUTARY_ADMIN_PASSWORD: admin.password,
      RATE_LIMITS: 'auth=1000/1s,ingest=1000/1s,query=1000/1s',
      LOG_LEVEL: 'warn',
    };
    config = loadConfig(gatewayConfigSchema, { ...process.env, ...baseEnv });
    api = await startGateway();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(gateways.map((app) => app.close()));
    await Promise.all(processes.map((p) => p.stop()));
  });

  it('registers an analyst, refuses the same email twice, and logs in the configured admin', async () => {
    const registered = await call(api, 'POST', '/v1/auth/register', { body: analyst });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ email: analyst.email, role: 'analyst' });

    const again = await call(api, 'POST', '/v1/auth/register', { body: analyst });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(again.body).toMatchObject({ type: '/problems/conflict', status: 409 });

    const login = await call<{ access_token: string; refresh_token: string }>(
      api,
      'POST',
      '/v1/auth/login',
      {
        body: admin,
      },
    );
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: config.ACCESS_TOKEN_TTL_S,
    });
    adminToken = login.body.access_token;
    const me = await call(api, 'GET', '/v1/auth/me', { token: adminToken });
    expect(me.body).toMatchObject({ email: admin.email, role: 'admin' });

    const analystLogin = await call<{ access_token: string; refresh_token: string }>(
      api,
      'POST',
      '/v1/auth/login',
      {
        body: analyst,
      },
    );
    analystToken = analystLogin.body.access_token;

    // Refresh rotates; the spent token is refused afterwards.
    const refreshed = await call<{ refresh_token: string }>(api, 'POST', '/v1/auth/refresh', {
      body: { refresh_token: analystLogin.body.refresh_token },
    });
    expect(refreshed.status).toBe(200);
    const replay = await call(api, 'POST', '/v1/auth/refresh', {
      body: { refresh_token: analystLogin.body.refresh_token },
    });
    expect(replay.status).toBe(401);
  });

  // Six hand-made readings over two hours of one day (UTC).
  const batch = [
    {
      id: 'k1',
      sensor_id: sensor,
      timestamp: '2026-11-20T10:05:00.250Z',
      temperature: 20,
      pressure: 1000,
      humidity: 40,
    },
    {
      id: 'k2',
      sensor_id: sensor,
      timestamp: '2026-11-20T10:20:00Z',
      temperature: 21,
      pressure: 1002,
    },
    {
      id: 'k3',
      sensor_id: sensor,
      timestamp: '2026-11-20T10:40:00Z',
      temperature: 23,
      humidity: 50,
    },
    {
      id: 'k4',
      sensor_id: sensor,
      timestamp: '2026-11-20T10:55:59.999Z',
      temperature: 24,
      pressure: 1004,
      humidity: 45,
      metrics: { co2_ppm: 600 },
    },
    { id: 'k5', sensor_id: sensor, timestamp: '2026-11-20T11:10:00+00:00', temperature: 18.5 },
    { id: 'k6', sensor_id: sensor, timestamp: '2026-11-20T13:30:00+02:00', pressure: 990 },
  ];
  const idOf = (key: string) => readingIdFor(sensor, key);

  const readingsOf = async (query = '') =>
    (
      await call<Page<ReadingItem>>(api, 'GET', `/v1/sensors/${sensor}/readings${query}`, {
        token: analystToken,
      })
    ).body;

  const aggregates = async (interval: 'hour' | 'day') =>
    (
      await call<Page<Record<string, unknown>>>(
        api,
        'GET',
        `/v1/sensors/aggregates?interval=${interval}&sensor_id=${sensor}&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z`,
        { token: analystToken },
      )
    ).body.items;

  it('accepts a batch once Kafka has it, and the readings become visible exactly', async () => {
    const posted = await call(api, 'POST', '/v1/sensors/readings', {
      token: adminToken,
      body: { readings: batch },
    });
    expect(posted.status).toBe(202);
    expect(posted.body).toEqual({ accepted: 6, ids: batch.map((r) => idOf(r.id)) });

    const page = await waitFor('the six readings through the API', async () => {
      const current = await readingsOf();
      return current.items.length === 6 ? current : undefined;
    });
    expect(page.next_cursor).toBeNull();
    expect(page.items).toEqual([
      {
        id: idOf('k1'),
        sensor_id: sensor,
        timestamp: '2026-11-20T10:05:00.250Z',
        temperature: 20,
        pressure: 1000,
        humidity: 40,
        metrics: {},
        version: 1,
      },
      {
        id: idOf('k2'),
        sensor_id: sensor,
        timestamp: '2026-11-20T10:20:00.000Z',
        temperature: 21,
        pressure: 1002,
        humidity: null,
        metrics: {},
        version: 1,
      },
      {
        id: idOf('k3'),
        sensor_id: sensor,
        timestamp: '2026-11-20T10:40:00.000Z',
        temperature: 23,
        pressure: null,
        humidity: 50,
        metrics: {},
        version: 1,
      },
      {
        id: idOf('k4'),
        sensor_id: sensor,
        timestamp: '2026-11-20T10:55:59.999Z',
        temperature: 24,
        pressure: 1004,
        humidity: 45,
        metrics: { co2_ppm: 600 },
        version: 1,
      },
      {
        id: idOf('k5'),
        sensor_id: sensor,
        timestamp: '2026-11-20T11:10:00.000Z',
        temperature: 18.5,
        pressure: null,
        humidity: null,
        metrics: {},
        version: 1,
      },
      {
        id: idOf('k6'),
        sensor_id: sensor,
        timestamp: '2026-11-20T11:30:00.000Z',
        temperature: null,
        pressure: 990,
        humidity: null,
        metrics: {},
        version: 1,
      },
    ]);
  });

  it('filters by value range and time, and pages with a cursor', async () => {
    const ids = (p: Page<ReadingItem>) => p.items.map((r) => r.id);
    expect(ids(await readingsOf('?min_temperature=21&max_temperature=23.5'))).toEqual([
      idOf('k2'),
      idOf('k3'),
    ]);
    expect(ids(await readingsOf('?from=2026-11-20T10:20:00Z&to=2026-11-20T11:10:00Z'))).toEqual([
      idOf('k2'),
      idOf('k3'),
      idOf('k4'),
    ]);
    const all = await call<Page<ReadingItem>>(
      api,
      'GET',
      `/v1/sensors/readings?sensor_id=${sensor}&min_pressure=995`,
      { token: analystToken },
    );
    expect(ids(all.body)).toEqual([idOf('k1'), idOf('k2'), idOf('k4')]);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page<ReadingItem> = await readingsOf(
        `?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...ids(page));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(batch.map((r) => idOf(r.id)));

    const first = await readingsOf('?limit=4');
    const misused = await readingsOf(`?limit=4&min_temperature=0&cursor=${first.next_cursor}`);
    expect(misused).toMatchObject({
      type: '/problems/validation-failed',
      errors: [
        {
          path: 'cursor',
          message: 'was issued for other filters; repeat the query from the first page',
        },
      ],
    });
  });

  const hour10 = {
    readings: 4,
    temperature: { count: 4, min: 20, max: 24, avg: 22, p50: 23, p95: 24 },
    pressure: { count: 3, min: 1000, max: 1004, avg: 1002, p50: 1002, p95: 1004 },
    humidity: { count: 3, min: 40, max: 50, avg: 45, p50: 45, p95: 50 },
  };
  const hour11 = {
    readings: 2,
    temperature: { count: 1, min: 18.5, max: 18.5, avg: 18.5, p50: 18.5, p95: 18.5 },
    pressure: { count: 1, min: 990, max: 990, avg: 990, p50: 990, p95: 990 },
    humidity: { count: 0, min: null, max: null, avg: null, p50: null, p95: null },
  };
  // p50 and p95 follow ClickHouse's quantileExact: element floor(level × n) of the sorted values.
  const day20 = {
    readings: 6,
    temperature: { count: 5, min: 18.5, max: 24, avg: 106.5 / 5, p50: 21, p95: 24 },
    pressure: { count: 4, min: 990, max: 1004, avg: 999, p50: 1002, p95: 1004 },
    humidity: { count: 3, min: 40, max: 50, avg: 45, p50: 45, p95: 50 },
  };

  it('aggregates per hour and per day, equal to values computed by hand', async () => {
    // Rollups follow the readings within the projector's rollup interval (1 s).
    const settled = (items: Record<string, unknown>[], readings: number[]) =>
      items.length === readings.length &&
      items.every((item, i) => item['readings'] === readings[i]);
    await waitFor('the hourly and daily rollups', async () =>
      settled(await aggregates('hour'), [4, 2]) && settled(await aggregates('day'), [6])
        ? true
        : undefined,
    );
    expect(await aggregates('hour')).toEqual([
      { sensor_id: sensor, interval: 'hour', bucket_start: '2026-11-20T10:00:00.000Z', ...hour10 },
      { sensor_id: sensor, interval: 'hour', bucket_start: '2026-11-20T11:00:00.000Z', ...hour11 },
    ]);
    expect(await aggregates('day')).toEqual([
      { sensor_id: sensor, interval: 'day', bucket_start: '2026-11-20T00:00:00.000Z', ...day20 },
    ]);
  });

  it('shows a correction in reads and aggregates', async () => {
    const corrected = await call<{ version: number }>(
      api,
      'PUT',
      `/v1/sensors/readings/${idOf('k4')}`,
      {
        token: adminToken,
        body: {
          temperature: 30,
          pressure: 1004,
          humidity: 45,
          metrics: { co2_ppm: 600 },
          reason: 'recalibrated',
        },
      },
    );
    expect(corrected.status).toBe(202);
    expect(corrected.body).toMatchObject({ id: idOf('k4'), temperature: 30 });
    expect(corrected.body.version).toBeGreaterThan(1);

    const reading = await waitFor('the corrected reading', async () => {
      const page = await readingsOf('?from=2026-11-20T10:55:00Z&to=2026-11-20T10:56:00Z');
      return page.items[0]?.temperature === 30 ? page.items[0] : undefined;
    });
    expect(reading).toMatchObject({
      id: idOf('k4'),
      version: corrected.body.version,
      metrics: { co2_ppm: 600 },
    });

    const hour10Corrected = {
      ...hour10,
      temperature: { count: 4, min: 20, max: 30, avg: 23.5, p50: 23, p95: 30 },
    };
    const maxTemperature = (items: Record<string, unknown>[]) =>
      (items[0]?.temperature as { max?: number } | undefined)?.max;
    await waitFor('the corrected hourly and daily rollups', async () =>
      maxTemperature(await aggregates('hour')) === 30 &&
      maxTemperature(await aggregates('day')) === 30
        ? true
        : undefined,
    );
    expect(await aggregates('hour')).toEqual([
      {
        sensor_id: sensor,
        interval: 'hour',
        bucket_start: '2026-11-20T10:00:00.000Z',
        ...hour10Corrected,
      },
      { sensor_id: sensor, interval: 'hour', bucket_start: '2026-11-20T11:00:00.000Z', ...hour11 },
    ]);
    expect(await aggregates('day')).toEqual([
      {
        sensor_id: sensor,
        interval: 'day',
        bucket_start: '2026-11-20T00:00:00.000Z',
        ...day20,
        temperature: { count: 5, min: 18.5, max: 30, avg: 112.5 / 5, p50: 21, p95: 30 },
      },
    ]);

    const missing = await call(api, 'PUT', '/v1/sensors/readings/no-such-reading', {
      token: adminToken,
      body: { temperature: 1 },
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ type: '/problems/not-found' });
  });

  it('changes nothing when the same batch is posted again', async () => {
    const before = await readingsOf();
    const hourly = await aggregates('hour');
    const again = await call(api, 'POST', '/v1/sensors/readings', {
      token: adminToken,
      body: { readings: batch },
    });
    expect(again.body).toEqual({ accepted: 6, ids: batch.map((r) => idOf(r.id)) });
    // A marker on the same sensor (so the same partition, behind the repeats) on another day:
    // once it is visible, the repeats have been projected too.
    const marker = {
      id: 'marker',
      sensor_id: sensor,
      timestamp: '2026-11-19T09:00:00Z',
      temperature: 5,
    };
    await call(api, 'POST', '/v1/sensors/readings', { token: adminToken, body: marker });
    const after = await waitFor('the marker reading', async () => {
      const page = await readingsOf();
      return page.items.length === 7 ? page : undefined;
    });
    expect(after.items.slice(1)).toEqual(before.items);
    expect(await aggregates('hour')).toEqual(hourly);
  });

  it('refuses invalid items naming each by index and field', async () => {
    const invalid = await call(api, 'POST', '/v1/sensors/readings', {
      token: adminToken,
      body: {
        readings: [
          batch[0],
          { sensor_id: sensor, timestamp: '2026-11-20T10:00:00Z', humidity: 140 },
          { sensor_id: sensor, timestamp: 'yesterday', temperature: 1 },
          { sensor_id: sensor, timestamp: '2026-11-20T10:00:00Z', temperature: 1, colour: 'red' },
        ],
      },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(invalid.body).toMatchObject({
      type: '/problems/validation-failed',
      title: 'The request is not valid',
      status: 400,
      detail: '3 problems in the body; see errors',
      errors: [
        { path: 'readings[1].humidity', message: 'must be between 0 and 100' },
        {
          path: 'readings[2].timestamp',
          message: 'must be an ISO-8601 date-time with a time zone',
        },
        { path: 'readings[3].colour', message: 'is not a known field' },
      ],
    });
    const single = await call(api, 'POST', '/v1/sensors/readings', {
      token: adminToken,
      body: { sensor_id: sensor, timestamp: '2026-11-20T10:00:00Z' },
    });
    expect(single.body).toMatchObject({
      errors: [
        {
          path: 'temperature',
          message: 'at least one of temperature, pressure, humidity is required',
        },
      ],
    });
    const malformed = await call(api, 'POST', '/v1/sensors/readings', {
      token: adminToken,
      raw: '{"readings": [',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ type: '/problems/malformed-body' });
    const unknownQuery = await readingsOf('?colour=red');
    expect(unknownQuery).toMatchObject({
      errors: [{ path: 'colour', message: 'is not a known field' }],
    });
  });

  it('answers 401 to missing, tampered, expired and unsigned tokens', async () => {
    const signer = new JwtService({ secret: jwtSecret });
    const claims = {
      sub: '00000000-0000-4000-8000-000000000000',
      email: admin.email,
      role: 'admin',
    };
    const expired = signer.sign(
      { ...claims, exp: Math.floor(Date.now() / 1000) - 60 },
      { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
    );
    const [header, payload, signature] = adminToken.split('.') as [string, string, string];
    const promoted = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        role: 'admin',
        sub: 'x',
      }),
    ).toString('base64url');
    const tampered = `${header}.${promoted}.${signature}`;
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    const otherAudience = signer.sign(claims, {
      issuer: config.JWT_ISSUER,
      audience: 'someone-else',
      expiresIn: 60,
    });

    const cases: [string | undefined, string][] = [
      [undefined, 'an access token is required: send Authorization: Bearer <access_token>'],
      [tampered, 'the access token is not valid'],
      [expired, 'the access token has expired; refresh it or log in again'],
      [unsigned, 'the access token is not valid'],
      [otherAudience, 'the access token is not valid'],
    ];
    for (const [token, detail] of cases) {
      const reply = await call(api, 'GET', '/v1/sensors/readings', { token });
      expect({ status: reply.status, body: reply.body }).toMatchObject({
        status: 401,
        body: { type: '/problems/unauthorized', status: 401, detail },
      });
    }
  });

  it('answers 403 to an analyst posting, and lets the analyst read', async () => {
    const post = await call(api, 'POST', '/v1/sensors/readings', {
      token: analystToken,
      body: batch[0],
    });
    expect(post.status).toBe(403);
    expect(post.body).toMatchObject({
      type: '/problems/forbidden',
      detail: 'the analyst role cannot write data; writes need ingest or admin',
    });
    expect(
      (await call(api, 'GET', '/v1/sensors/readings?limit=1', { token: analystToken })).status,
    ).toBe(200);
  });

  it('issues API keys for machines: they act with their role until revoked', async () => {
    const notAdmin = await call(api, 'POST', '/v1/api-keys', {
      token: analystToken,
      body: { name: 'uplink', role: 'ingest' },
    });
    expect(notAdmin.status).toBe(403);

    const issued = await call<{ id: string; key: string; prefix: string }>(
      api,
      'POST',
      '/v1/api-keys',
      {
        token: adminToken,
        body: { name: 'greenhouse uplink', role: 'ingest' },
      },
    );
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      name: 'greenhouse uplink',
      role: 'ingest',
      expires_at: null,
      revoked_at: null,
    });
    expect(issued.body.key).toMatch(new RegExp(`^trb_${issued.body.prefix}_[A-Za-z0-9_-]{43}$`));
    const apiKey = issued.body.key;

    const posted = await call(api, 'POST', '/v1/sensors/readings', {
      apiKey,
      body: { id: 'via-key', sensor_id: sensor, timestamp: '2026-11-17T00:00:00Z', temperature: 1 },
    });
    expect(posted.status).toBe(202);
    const read = await call(api, 'GET', '/v1/sensors/readings?limit=1', { apiKey });
    expect(read.body).toMatchObject({
      type: '/problems/forbidden',
      detail: 'the ingest role cannot read data; reads need analyst or admin',
    });

    const listed = await call<{ items: Record<string, unknown>[] }>(api, 'GET', '/v1/api-keys', {
      token: adminToken,
    });
    const mine = listed.body.items.find((k) => k['id'] === issued.body.id);
    expect(mine).toMatchObject({ prefix: issued.body.prefix, role: 'ingest' });
    expect(mine).not.toHaveProperty('key');

    expect(
      (await call(api, 'DELETE', `/v1/api-keys/${issued.body.id}`, { token: adminToken })).status,
    ).toBe(204);
    const revoked = await call(api, 'POST', '/v1/sensors/readings', { apiKey, body: batch[0] });
    expect(revoked.body).toMatchObject({
      status: 401,
      detail: 'the API key is not valid, has expired or was revoked',
    });
    const forged = await call(api, 'GET', '/v1/auth/me', {
      apiKey: `trb_${issued.body.prefix}_${'A'.repeat(43)}`,
    });
    expect(forged.status).toBe(401);
  });

  it('holds a limit across two gateways sharing Redis, with Retry-After, per account', async () => {
    const limited = {
      RATE_LIMITS: 'auth=1000/1s,ingest=1000/1s,query=3/60s',
      TRUSTED_PROXY_HOPS: '0',
    };
    const [a, b] = [await startGateway(limited), await startGateway(limited)];
    const statuses: number[] = [];
    for (const base of [a, b, a, b]) {
      statuses.push((await call(base, 'GET', '/v1/auth/me', { token: analystToken })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await call(b, 'GET', '/v1/auth/me', { token: analystToken });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ type: '/problems/rate-limited', status: 429 });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another account has its own budget.
    expect((await call(a, 'GET', '/v1/auth/me', { token: adminToken })).status).toBe(200);
  });

  it('documents every route, lists them, and answers unknown routes with a problem', async () => {
    const doc = await call<{ paths: Record<string, Record<string, unknown>> }>(
      api,
      'GET',
      '/docs-json',
    );
    expect(doc.status).toBe(200);
    const operations = Object.entries(doc.body.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /v1/auth/register',
        'POST /v1/auth/login',
        'POST /v1/auth/refresh',
        'GET /v1/auth/me',
        'POST /v1/sensors/readings',
        'GET /v1/sensors/readings',
        'GET /v1/sensors/{sensorId}/readings',
        'PUT /v1/sensors/readings/{id}',
        'GET /v1/sensors/aggregates',
        'POST /v1/api-keys',
        'GET /v1/api-keys',
        'DELETE /v1/api-keys/{id}',
        'POST /v1/files',
        'GET /v1/jobs',
        'GET /v1/jobs/{id}',
        'GET /v1/jobs/{id}/rejections',
        'GET /v1/energy/alerts',
        'GET /v1/energy/usage',
        'GET /v1/ev/users',
        'GET /v1/ev/chargers',
        'GET /v1/ev/chargers/{id}/usage-analytics',
        'GET /v1/ev/transactions',
        'GET /v1/banking/clients',
        'GET /v1/banking/clients/{id}/transactions',
        'GET /v1/banking/clients/{id}/transactions/daily',
        'GET /v1/banking/clients/{id}/transactions/monthly',
        'GET /v1/retail/products',
        'GET /v1/retail/categories',
        'GET /v1/retail/sales',
        'GET /v1/retail/sales/daily-count',
        'GET /v1/retail/sales/product-daily-count',
        'GET /v1/retail/sales/category-sales',
        'GET /v1/quality/{dataset}',
        'GET /v1',
        'GET /health/live',
        'GET /health/ready',
        'GET /metrics',
      ]),
    );
    const postReadings = doc.body.paths['/v1/sensors/readings']?.['post'] as {
      responses: Record<string, unknown>;
      security: unknown[];
    };
    expect(Object.keys(postReadings.responses).sort()).toEqual([
      '202',
      '400',
      '401',
      '403',
      '413',
      '429',
      '503',
    ]);
    expect(postReadings.security).toEqual([{ 'api-key': [] }, { bearer: [] }]);
    // Every read of the API shows an example of its answer, and its throttling and auth errors.
    const reads = Object.entries(doc.body.paths).flatMap(([path, item]) => {
      const get = item['get'] as
        | { responses: Record<string, { content?: Record<string, { example?: unknown }> }> }
        | undefined;
      return path.startsWith('/v1/') && get ? [{ path, responses: get.responses }] : [];
    });
    const withoutExample = reads
      .filter(
        ({ responses }) => responses['200']?.content?.['application/json']?.example === undefined,
      )
      .map(({ path }) => path);
    expect(withoutExample).toEqual([]);
    const withoutProblems = reads
      .filter(({ responses }) => !['401', '429'].every((status) => status in responses))
      .map(({ path }) => path);
    expect(withoutProblems).toEqual([]);
    expect((await call(api, 'GET', '/docs')).status).toBe(200);

    const index = await call<{ routes: { method: string; path: string }[] }>(api, 'GET', '/v1');
    expect(index.body.routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(operations),
    );

    const notFound = await call(api, 'GET', '/v1/nothing-here');
    expect(notFound.status).toBe(404);
    expect(notFound.body).toMatchObject({
      type: '/problems/not-found',
      detail: 'no route GET /v1/nothing-here; GET /v1 lists the routes',
    });
  });

  it('loses and doubles nothing when the projector is killed mid-stream and restarted', async () => {
    const crashSensor = uniqueName('e2e-crash');
    const readings = Array.from({ length: 3_000 }, (_, i) => ({
      id: `c${i}`,
      sensor_id: crashSensor,
      timestamp: new Date(Date.UTC(2026, 10, 18, 0, 0, 0) + i * 1_000).toISOString(),
      temperature: i % 50,
    }));
    for (let i = 0; i < readings.length; i += 1_000) {
      const reply = await call(api, 'POST', '/v1/sensors/readings', {
        token: adminToken,
        body: { readings: readings.slice(i, i + 1_000) },
      });
      expect(reply.status).toBe(202);
    }
    const projector = processes.find((p) => p.name === 'analytics-projector')!;
    await projector.kill();
    processes.splice(processes.indexOf(projector), 1);
    processes.push(await startService('analytics-projector', projectorEnv, projectorPort));

    const count = async () => {
      const day = await call<
        Page<{ readings: number; temperature: { count: number; avg: number } }>
      >(api, 'GET', `/v1/sensors/aggregates?interval=day&sensor_id=${crashSensor}`, {
        token: analystToken,
      });
      return day.body.items[0];
    };
    const settled = await waitFor(
      'all 3,000 readings after the restart',
      async () => {
        const day = await count();
        return day?.readings === 3_000 ? day : undefined;
      },
      { timeoutMs: 60_000 },
    );
    // 0..49 repeated 60 times: mean 24.5.
    expect(settled.temperature).toMatchObject({ count: 3_000, avg: 24.5 });
  });

  it('answers 503 with Retry-After when sensor-ingest is down, never a 2xx', async () => {
    await ingest.stop();
    const reply = await call(api, 'POST', '/v1/sensors/readings', {
      token: adminToken,
      body: batch[0],
    });
    expect(reply.status).toBe(503);
    expect(reply.headers.get('retry-after')).toBe('5');
    expect(reply.body).toMatchObject({ type: '/problems/service-unavailable' });
  });
});
