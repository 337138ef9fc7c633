import { DEFAULT_RATE_LIMITS, parseRateLimits } from './rate-limits';

describe('parseRateLimits', () => {
  it('reads each class with its window in ms, s, m or h and keeps the defaults for the rest', () => {
    expect(parseRateLimits('auth=10/60s, ingest=1200/1m,query=5/250ms')).toEqual({
      auth: { limit: 10, windowMs: 60_000 },
      ingest: { limit: 1200, windowMs: 60_000 },
      query: { limit: 5, windowMs: 250 },
    });
    expect(parseRateLimits('query=3/2h')).toEqual({
      ...DEFAULT_RATE_LIMITS,
      query: { limit: 3, windowMs: 7_200_000 },
    });
    expect(parseRateLimits('')).toEqual(DEFAULT_RATE_LIMITS);
  });

  it('says what is wrong with a bad item', () => {
    expect(parseRateLimits('query=10')).toBe(
      '"query=10" is not <class>=<limit>/<window>, e.g. query=100/1s',
    );
    expect(parseRateLimits('admin=1/1s')).toBe(
      '"admin" is not a route class (auth, ingest, query)',
    );
    expect(parseRateLimits('auth=0/1s')).toBe('"auth=0/1s" needs a limit and a window above 0');
  });
});
