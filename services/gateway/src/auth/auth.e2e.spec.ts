import { JwtService } from '@nestjs/jwt';
import { type GatewayConfig } from '../config/gateway.config';
import { call, GatewayTestBed, newAccount, type Account } from '../testing/gateway.test-bed';

/**
 * Accounts, tokens, roles and API keys through the public API: the gateway in this process,
 * sensor-ingest as its own (an ingest key records a reading), the real stack behind.
 */
describe('authentication and access through the gateway', () => {
  const sensor = 'e2e-auth-sensor';
  const reading = {
    sensor_id: sensor,
    timestamp: '2026-11-20T10:05:00.250Z',
    temperature: 20,
  };
  const batch = [reading];
  const analyst: Account = newAccount('analyst');
  let bed: GatewayTestBed;
  let api: string;
  let config: GatewayConfig;
  let jwtSecret: string;
  let admin: Account;
  let adminToken: string;
  let analystToken: string;

  beforeAll(async () => {
    bed = await GatewayTestBed.start({ ingest: true });
    ({ api, config, jwtSecret, admin } = bed);
  }, 180_000);

  afterAll(() => bed?.stop());

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
    // The replay revoked the whole sign-in: its access token stops working at once as well.
    const afterTheft = await call(api, 'GET', '/v1/sensors/readings?limit=1', {
      token: analystToken,
    });
    expect(afterTheft.body).toMatchObject({
      status: 401,
      detail: 'the session was logged out; log in again',
    });
    analystToken = await bed.token(analyst);
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
      [
        undefined,
        'credentials are required: send Authorization: Bearer <access_token>, or an API key as Authorization: ApiKey <key> or X-API-Key',
      ],
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
      detail: 'this route needs the scope ingest:sensors, which the analyst role does not grant',
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
      detail: 'this route needs the scope read:sensors, which this API key does not have',
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
});
