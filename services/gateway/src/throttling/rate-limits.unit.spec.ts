import { DEFAULT_RATE_LIMITS, parsePrincipalBudgets, parseRateLimits } from './rate-limits';

describe('parseRateLimits', () => {
  it('reads each class with its window in ms, s, m or h and keeps the defaults for the rest', () => {
    expect(parseRateLimits('auth=10/60s, ingest=1200/1m,query=5/250ms')).toEqual({
      auth: { limit: 10, windowMs: 60_000 },
      ingest: { limit: 1200, windowMs: 60_000 },
      query: { limit: 5, windowMs: 250 },
      banking: { limit: 10, windowMs: 60_000 },
    });
    expect(parseRateLimits('query=3/2h')).toEqual({
      ...DEFAULT_RATE_LIMITS,
      query: { limit: 3, windowMs: 7_200_000 },
    });
    expect(parseRateLimits('')).toEqual(DEFAULT_RATE_LIMITS);
  });

  it('says what is wrong with a bad item', () => {
    expect(parseRateLimits('query=10')).toBe(
      '"query=10" is not <name>=<limit>/<window>, e.g. query=100/1s',
    );
    expect(parseRateLimits('admin=1/1s')).toBe(
      '"admin" is not a route class (auth, ingest, query, banking)',
    );
    expect(parseRateLimits('auth=0/1s')).toBe('"auth=0/1s" needs a limit and a window above 0');
  });
});

describe('parsePrincipalBudgets', () => {
  it("reads each kind and keeps the defaults (the replaced pipelines' limits) for the rest", () => {
    expect(parsePrincipalBudgets('ingest=500/1s')).toEqual({
      anonymous: { limit: 100, windowMs: 60_000 },
      account: { limit: 6_000, windowMs: 60_000 },
      ingest: { limit: 500, windowMs: 1_000 },
    });
    expect(parsePrincipalBudgets('robot=1/1s')).toBe(
      '"robot" is not a kind of principal (anonymous, account, ingest)',
    );
  });
});
