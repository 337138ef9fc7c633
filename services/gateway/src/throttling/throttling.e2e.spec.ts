import { randomInt } from 'node:crypto';
import { call, GatewayTestBed } from '../testing/gateway.test-bed';

/**
 * Limits kept in the shared Redis, so they hold across replicas of the gateway: per client address
 * for anonymous callers (whatever they write in `X-Forwarded-For`), per account for everyone else
 * (a new key or a new login is no fresh allowance), with the IETF draft's `RateLimit` fields and
 * `Retry-After` on every 429.
 */
describe('throttling across gateways', () => {
  let bed: GatewayTestBed;

  beforeAll(async () => {
    bed = await GatewayTestBed.start();
  }, 180_000);

  afterAll(() => bed?.stop());

  /** An address of the benchmarking range no other run uses in this window. */
  const freshAddress = () => `198.18.${randomInt(0, 256)}.${randomInt(1, 255)}`;

  const limited = {
    TRUSTED_PROXY_HOPS: '1',
    RATE_LIMITS: 'auth=1000/1s,ingest=1000/1s,query=1000/1s,banking=3/60s',
    PRINCIPAL_RATE_LIMITS: 'anonymous=10/60s,account=5/60s,ingest=1000/60s',
  };

  it('holds the anonymous budget across two gateways while the client rotates X-Forwarded-For', async () => {
    const [a, b] = [await bed.startGateway(limited), await bed.startGateway(limited)];
    const client = freshAddress();
    // 40 requests at once, half to each gateway; each forges a new leftmost address, and the one
    // trusted proxy appended the real one.
    const replies = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const response = await fetch(`${i % 2 ? a : b}/v1`, {
          headers: { 'x-forwarded-for': `10.${i}.${randomInt(0, 256)}.1, ${client}` },
        });
        return {
          status: response.status,
          headers: response.headers,
          body: (await response.json()) as { type?: string },
        };
      }),
    );
    const accepted = replies.filter((r) => r.status === 200);
    const refused = replies.filter((r) => r.status === 429);
    expect(accepted.length + refused.length).toBe(40);
    expect(accepted.length).toBeGreaterThanOrEqual(10);
    expect(accepted.length).toBeLessThanOrEqual(11);
    for (const reply of refused) {
      expect(reply.body.type).toBe('/problems/rate-limited');
      const retryAfter = Number(reply.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    for (const reply of accepted) {
      expect(reply.headers.get('ratelimit-policy')).toBe('"anonymous";q=10;w=60');
      expect(reply.headers.get('ratelimit')).toMatch(/^"anonymous";r=\d;t=\d+$/);
    }
    // Another client address, through the same proxy, has its own budget.
    const other = await fetch(`${a}/v1`, { headers: { 'x-forwarded-for': freshAddress() } });
    expect(other.status).toBe(200);
  });

  it("shares one budget between an account's session and all its keys, on every replica", async () => {
    const [a, b] = [await bed.startGateway(limited), await bed.startGateway(limited)];
    const { token } = await bed.analyst();
    const keys: string[] = [];
    for (const name of ['first', 'second']) {
      const created = await call<{ key: string }>(bed.api, 'POST', '/v1/api-keys', {
        token,
        body: { name },
      });
      expect(created.status).toBe(201);
      keys.push(created.body.key);
    }
    const credentials = [{ token }, { apiKey: keys[0] }, { apiKey: keys[1] }];
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) {
      const reply = await call(i % 2 ? a : b, 'GET', '/v1/sensors/readings', credentials[i % 3]);
      statuses.push(reply.status);
    }
    // The account's budget is 5 a minute, whichever credential and replica spent it.
    expect(statuses.filter((s) => s !== 429)).toHaveLength(5);
    expect(statuses.slice(5)).toEqual([429, 429, 429, 429]);
    // A key created now is no fresh allowance.
    const third = await call<{ key: string }>(bed.api, 'POST', '/v1/api-keys', {
      token,
      body: { name: 'third' },
    });
    const refused = await call(a, 'GET', '/v1/sensors/readings', { apiKey: third.body.key });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('limits the bank client routes per route and caller (banking=3/60s here)', async () => {
    const gateway = await bed.startGateway({
      ...limited,
      PRINCIPAL_RATE_LIMITS: 'anonymous=10/60s,account=1000/60s,ingest=1000/60s',
    });
    const { token } = await bed.analyst();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await call(gateway, 'GET', '/v1/banking/clients', { token })).status);
    }
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(statuses.slice(0, 3)).not.toContain(429);
    const reply = await call(gateway, 'GET', '/v1/banking/clients', { token });
    expect(reply.headers.get('ratelimit-policy')).toBe('"banking";q=3;w=60, "account";q=1000;w=60');
    // Another route of another class is not spent by these.
    expect((await call(gateway, 'GET', '/v1/sensors/readings', { token })).status).not.toBe(429);
  });
});
