import { type Principal } from '../auth/account';
import { DEFAULT_PRINCIPAL_BUDGETS, DEFAULT_RATE_LIMITS } from './rate-limits';
import { rateLimitFields, throttlePolicies } from './throttle-policies';

const session: Principal = {
  accountId: 'a1',
  email: 'ada@example.com',
  role: 'analyst',
  scopes: ['read:sensors', 'read:energy'],
};
const analystKey: Principal = { ...session, apiKeyId: 'k1' };
const otherKey: Principal = { ...session, apiKeyId: 'k2' };
const ingestKey: Principal = {
  ...session,
  role: 'ingest',
  scopes: ['ingest:sensors', 'ingest:files'],
  apiKeyId: 'k3',
};

const policies = (principal: Principal | undefined, routeClass?: 'query' | 'banking') =>
  throttlePolicies(
    { routeClass, route: 'BankingController.clients', principal, clientIp: '203.0.113.7' },
    DEFAULT_RATE_LIMITS,
    DEFAULT_PRINCIPAL_BUDGETS,
  );

describe('throttlePolicies', () => {
  it('charges a session and every key of its account to the same counters', () => {
    const keys = (p: Principal) => policies(p, 'banking').map((x) => x.key);
    expect(keys(session)).toEqual([
      'route:BankingController.clients:account:a1',
      'budget:account:a1',
    ]);
    expect(keys(analystKey)).toEqual(keys(session));
    expect(keys(otherKey)).toEqual(keys(session));
  });

  it('gives the bank client routes 10 a minute and anonymous callers 100 a minute per address', () => {
    expect(policies(undefined, 'banking')).toEqual([
      {
        name: 'banking',
        key: 'route:BankingController.clients:ip:203.0.113.7',
        limit: 10,
        windowMs: 60_000,
      },
      { name: 'anonymous', key: 'budget:ip:203.0.113.7', limit: 100, windowMs: 60_000 },
    ]);
  });

  it("spends an account's ingest keys from its own larger budget", () => {
    expect(policies(ingestKey)).toEqual([
      { name: 'ingest', key: 'budget:ingest:account:a1', limit: 60_000, windowMs: 60_000 },
    ]);
    // A key that may read as well spends the account's budget: the larger one never pays for reads.
    const mixedKey: Principal = { ...ingestKey, scopes: ['ingest:sensors', 'read:sensors'] };
    expect(policies(mixedKey).map((p) => p.name)).toEqual(['account']);
  });
});

describe('rateLimitFields', () => {
  it("writes the IETF draft's RateLimit-Policy and RateLimit lists", () => {
    const [route, budget] = policies(session, 'banking') as [never, never];
    expect(
      rateLimitFields([
        { policy: route, remaining: 7, resetS: 42, blocked: false },
        { policy: budget, remaining: 5_990, resetS: 59, blocked: false },
      ]),
    ).toEqual({
      'RateLimit-Policy': '"banking";q=10;w=60, "account";q=6000;w=60',
      RateLimit: '"banking";r=7;t=42, "account";r=5990;t=59',
    });
  });
});
