import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { type GatewayConfig } from '../config/gateway.config';
import { call, GatewayTestBed, newAccount, type Account } from '../testing/gateway.test-bed';
import { newJwtPrivateKey } from '@tributary/testing';
import { waitFor } from '@tributary/testing';
import { keyId } from './jwt-keys';

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
  let admin: Account;
  let adminToken: string;
  let analystToken: string;

  beforeAll(async () => {
    bed = await GatewayTestBed.start({ ingest: true });
    ({ api, config, admin } = bed);
  }, 180_000);

  afterAll(() => bed?.stop());

  it('registers an analyst, answers the same email alike, and logs in the configured admin', async () => {
    const registered = await call(api, 'POST', '/v1/auth/register', { body: analyst });
    expect(registered.status).toBe(202);
    // A taken address (the admin's, then the analyst's again) gets the very same answer.
    for (const body of [analyst, { ...admin, password: 'a different passphrase' }]) {
      const again = await call(api, 'POST', '/v1/auth/register', { body });
      expect({ status: again.status, body: again.body }).toEqual({
        status: registered.status,
        body: registered.body,
      });
    }

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

  it('answers 401 to every forged, expired, misaddressed or unknown-key token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const ours = createPrivateKey(bed.jwtPrivateKey);
    const publicPem = createPublicKey(ours).export({ type: 'spki', format: 'pem' }).toString();
    const kid = keyId(createPublicKey(ours));
    // A real sign-in of the admin, so only the one thing each case breaks is wrong.
    const real = JSON.parse(Buffer.from(adminToken.split('.')[1]!, 'base64url').toString()) as {
      sub: string;
      sid: string;
    };
    const claims = { sub: real.sub, sid: real.sid, email: admin.email, role: 'admin' };
    const addressed = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
    const sign = (
      payload: object,
      options: jwt.SignOptions = {},
      key: jwt.Secret = ours as unknown as jwt.Secret,
    ) => jwt.sign(payload, key, { algorithm: 'RS256', keyid: kid, ...addressed, ...options });

    // Within the 30 s clock tolerance a token still works; beyond it, it has expired.
    expect(
      (await call(api, 'GET', '/v1/auth/me', { token: sign({ ...claims, exp: now - 10 }) })).status,
    ).toBe(200);
    const expired = sign({ ...claims, exp: now - 45 });
    const noExpiry = sign(claims);
    const [header, payload, signature] = adminToken.split('.') as [string, string, string];
    const promoted = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'x' }),
    ).toString('base64url');
    const tampered = `${header}.${promoted}.${signature}`;
    const unsigned = `${Buffer.from(`{"alg":"none","typ":"JWT","kid":"${kid}"}`).toString('base64url')}.${payload}.`;
    // The classic confusion: HS256 keyed with our public key, which anyone may know.
    const confused = jwt.sign({ ...claims, exp: now + 60 }, publicPem, {
      algorithm: 'HS256',
      keyid: kid,
      ...addressed,
    });
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const strangerKey = stranger as unknown as jwt.Secret;
    const unknownKey = sign(
      { ...claims, exp: now + 60 },
      { keyid: keyId(createPublicKey(stranger)) },
      strangerKey,
    );
    const ourKidTheirKey = sign({ ...claims, exp: now + 60 }, {}, strangerKey);
    const noKid = jwt.sign({ ...claims, exp: now + 60 }, ours as unknown as jwt.Secret, {
      algorithm: 'RS256',
      ...addressed,
    });
    const otherAudience = sign({ ...claims, exp: now + 60 }, { audience: 'someone-else' });
    const otherIssuer = sign({ ...claims, exp: now + 60 }, { issuer: 'someone-else' });

    const invalid = 'the access token is not valid';
    const cases: [string, string | undefined, string][] = [
      [
        'no token',
        undefined,
        'credentials are required: send Authorization: Bearer <access_token>, or an API key as Authorization: ApiKey <key> or X-API-Key',
      ],
      ['tampered', tampered, invalid],
      [
        'expired beyond tolerance',
        expired,
        'the access token has expired; refresh it or log in again',
      ],
      ['no exp', noExpiry, invalid],
      ['alg none', unsigned, invalid],
      ['HS256 with the public key', confused, invalid],
      ['unknown kid', unknownKey, invalid],
      ['our kid, another key', ourKidTheirKey, invalid],
      ['no kid', noKid, invalid],
      ['wrong audience', otherAudience, invalid],
      ['wrong issuer', otherIssuer, invalid],
    ];
    for (const [name, token, detail] of cases) {
      const reply = await call(api, 'GET', '/v1/auth/me', { token });
      expect({ name, status: reply.status, body: reply.body }).toMatchObject({
        name,
        status: 401,
        body: { type: '/problems/unauthorized', status: 401, detail },
      });
    }
  });

  it('rolls the signing key over with two keys verifying meanwhile', async () => {
    const oldToken = adminToken;
    const next = newJwtPrivateKey();
    const pemOf = (key: string) =>
      createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
    const me = (base: string, token: string) => call(base, 'GET', '/v1/auth/me', { token });
    // Step 1: every replica accepts the next key before any signs with it.
    const accepting = await bed.startGateway({ JWT_ROLLOVER_PUBLIC_KEYS: pemOf(next) });
    // Step 2: replicas sign with the next key and still accept the previous one.
    const rolled = await bed.startGateway({
      JWT_PRIVATE_KEY: next,
      JWT_ROLLOVER_PUBLIC_KEYS: pemOf(bed.jwtPrivateKey),
    });
    const newToken = (
      await call<{ access_token: string }>(rolled, 'POST', '/v1/auth/login', { body: admin })
    ).body.access_token;
    for (const [base, token] of [
      [accepting, oldToken],
      [accepting, newToken],
      [rolled, oldToken],
      [rolled, newToken],
    ] as const)
      expect((await me(base, token)).status).toBe(200);
    // A replica that was never told of the next key refuses its tokens.
    expect((await me(api, newToken)).status).toBe(401);
    // Step 3: the previous key retired: its tokens stop working.
    const retired = await bed.startGateway({ JWT_PRIVATE_KEY: next });
    expect((await me(retired, newToken)).status).toBe(200);
    expect((await me(retired, oldToken)).status).toBe(401);
  });

  it('refuses a logged-out sign-in and a disabled account at once', async () => {
    const login = await call<{ access_token: string; refresh_token: string }>(
      api,
      'POST',
      '/v1/auth/login',
      { body: analyst },
    );
    const token = login.body.access_token;
    expect((await call(api, 'GET', '/v1/auth/me', { token })).status).toBe(200);
    expect((await call(api, 'POST', '/v1/auth/logout', { token })).status).toBe(204);
    expect((await call(api, 'GET', '/v1/auth/me', { token })).body).toMatchObject({
      status: 401,
      detail: 'the session was logged out; log in again',
    });
    const refresh = await call(api, 'POST', '/v1/auth/refresh', {
      body: { refresh_token: login.body.refresh_token },
    });
    expect(refresh.status).toBe(401);

    const other = newAccount('disabled');
    expect((await call(api, 'POST', '/v1/auth/register', { body: other })).status).toBe(202);
    const otherToken = await bed.token(other);
    const otherId = (await call<{ id: string }>(api, 'GET', '/v1/auth/me', { token: otherToken }))
      .body.id;
    const disabled = await call(api, 'PATCH', `/v1/admin/accounts/${otherId}`, {
      token: adminToken,
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect((await call(api, 'GET', '/v1/auth/me', { token: otherToken })).body).toMatchObject({
      status: 401,
      detail: 'the account is disabled',
    });
    expect((await call(api, 'POST', '/v1/auth/login', { body: other })).status).toBe(401);
  });

  it('refuses weak passwords, form bodies and closed registration; keeps tokens out of caches', async () => {
    const someone = newAccount('policy');
    for (const password of [
      'aaaaaaaaaaaa',
      ' '.repeat(12),
      someone.email,
      `${someone.email.split('@')[0]}!2026`,
      'password1234',
      'Password1234!',
    ]) {
      const reply = await call(api, 'POST', '/v1/auth/register', {
        body: { email: someone.email, password },
      });
      expect({ password, status: reply.status }).toEqual({ password, status: 400 });
      expect(reply.body).toMatchObject({ errors: [{ path: 'password' }] });
    }
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', `email=${admin.email}&password=${admin.password}`],
      ['text/plain', JSON.stringify(admin)],
    ] as const) {
      const reply = await fetch(`${api}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      expect({ type, status: reply.status }).toEqual({ type, status: 415 });
    }
    const form = new FormData();
    form.append('email', admin.email);
    form.append('password', admin.password);
    const multipart = await fetch(`${api}/v1/auth/login`, { method: 'POST', body: form });
    expect(multipart.status).toBe(415);

    const login = await call<{ refresh_token: string }>(api, 'POST', '/v1/auth/login', {
      body: admin,
    });
    expect(login.headers.get('cache-control')).toBe('no-store');
    const refreshed = await call(api, 'POST', '/v1/auth/refresh', {
      body: { refresh_token: login.body.refresh_token },
    });
    expect(refreshed.headers.get('cache-control')).toBe('no-store');

    const closed = await bed.startGateway({ REGISTRATION: 'off' });
    const refused = await call(closed, 'POST', '/v1/auth/register', { body: newAccount('closed') });
    expect(refused.body).toMatchObject({
      status: 403,
      detail: 'registration is closed here: ask an administrator for an account',
    });
  });

  it('backs off a brute force on one account from rotating addresses, then lets the owner in', async () => {
    // Behind one trusted proxy, the attacker's X-Forwarded-For is the client address.
    const proxied = await bed.startGateway({ TRUSTED_PROXY_HOPS: '1' });
    const victim = newAccount('victim');
    expect((await call(proxied, 'POST', '/v1/auth/register', { body: victim })).status).toBe(202);
    let address = 0;
    const attempt = (password: string) =>
      fetch(`${proxied}/v1/auth/login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': `198.51.100.${++address}`,
        },
        body: JSON.stringify({ email: victim.email, password }),
      });
    // Five free failures, the sixth locks the account (1 s), whichever address tries.
    for (let i = 1; i <= 6; i++) expect((await attempt(`wrong guess ${i}`)).status).toBe(401);
    const locked = await attempt(victim.password);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('1');
    expect(await locked.json()).toMatchObject({ type: '/problems/rate-limited' });
    // Every answer is 429 until the lock ends; then the right password works.
    const answers: number[] = [];
    await waitFor(
      'the lock to end',
      async () => {
        const reply = await attempt(victim.password);
        answers.push(reply.status);
        return reply.status === 200 || undefined;
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    expect(answers.slice(0, -1).every((status) => status === 429)).toBe(true);
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

  it('keeps an audit log of sign-ins, failures, keys and account changes, filtered and paged', async () => {
    type Event = {
      id: string;
      action: string;
      email: string | null;
      client_ip: string | null;
      subject_account_id: string | null;
      actor_account_id: string | null;
      detail: Record<string, unknown>;
    };
    const events = async (query: string) => {
      const items: Event[] = [];
      let cursor: string | null = null;
      do {
        const reply: { status: number; body: { items: Event[]; next_cursor: string | null } } =
          await call(
            api,
            'GET',
            `/v1/admin/audit?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
            {
              token: adminToken,
            },
          );
        expect(reply.status).toBe(200);
        items.push(...reply.body.items);
        cursor = reply.body.next_cursor;
      } while (cursor);
      return items;
    };
    const me = await call<{ id: string }>(api, 'GET', '/v1/auth/me', { token: analystToken });
    const analystId = me.body.id;
    expect(
      (
        await call(api, 'POST', '/v1/auth/login', {
          body: { ...analyst, password: 'not it at all' },
        })
      ).status,
    ).toBe(401);
    const issued = await call<{ id: string }>(api, 'POST', '/v1/api-keys', {
      token: analystToken,
      body: { name: 'audited', scopes: ['read:ev'] },
    });
    await call(api, 'DELETE', `/v1/api-keys/${issued.body.id}`, { token: analystToken });

    const mine = await events(`account_id=${analystId}`);
    // Newest first, each once, across pages of two.
    const ids = mine.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      mine.slice(0, 3).map((e) => [e.action, e.detail['key_id'] ?? e.detail['reason']]),
    ).toEqual([
      ['key.revoked', issued.body.id],
      ['key.issued', issued.body.id],
      ['login.failed', 'bad_password'],
    ]);
    expect(mine[2]).toMatchObject({
      email: analyst.email,
      client_ip: '127.0.0.1',
      subject_account_id: analystId,
    });
    expect(mine.map((e) => e.action)).toEqual(
      expect.arrayContaining(['account.registered', 'login.succeeded', 'logout']),
    );
    const failures = await events(`action=login.failed&account_id=${analystId}`);
    expect(failures.every((e) => e.action === 'login.failed')).toBe(true);
    expect(failures.length).toBeGreaterThan(0);
    // A cursor belongs to its filters.
    const first = await call<{ next_cursor: string }>(
      api,
      'GET',
      `/v1/admin/audit?account_id=${analystId}&limit=1`,
      { token: adminToken },
    );
    expect(
      (
        await call(
          api,
          'GET',
          `/v1/admin/audit?action=logout&limit=1&cursor=${first.body.next_cursor}`,
          { token: adminToken },
        )
      ).status,
    ).toBe(400);
  });
});
