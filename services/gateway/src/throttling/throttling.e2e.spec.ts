import { call, GatewayTestBed } from '../testing/gateway.test-bed';

/** Route-class limits kept in the shared Redis, so they hold across replicas of the gateway. */
describe('throttling across gateways', () => {
  let bed: GatewayTestBed;
  let adminToken: string;
  let analystToken: string;

  beforeAll(async () => {
    bed = await GatewayTestBed.start();
    adminToken = await bed.token(bed.admin);
    analystToken = (await bed.analyst()).token;
  }, 180_000);

  afterAll(() => bed?.stop());

  it('holds a limit across two gateways sharing Redis, with Retry-After, per account', async () => {
    const limited = {
      RATE_LIMITS: 'auth=1000/1s,ingest=1000/1s,query=3/60s',
      TRUSTED_PROXY_HOPS: '0',
    };
    const [a, b] = [await bed.startGateway(limited), await bed.startGateway(limited)];
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
});
