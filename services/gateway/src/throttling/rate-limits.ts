/**
 * Routes are throttled by class: each route names its class with `@RateLimit(...)`, and the limit
 * of each class comes from config, so an operator tunes limits without a code change.
 */
export const RATE_LIMIT_CLASSES = ['auth', 'ingest', 'query'] as const;
export type RateLimitClass = (typeof RATE_LIMIT_CLASSES)[number];

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

export type RateLimits = Record<RateLimitClass, RateLimit>;

/**
 * Used for any class the config leaves out. `auth` is per client IP and low, since it guards
 * password guessing; `ingest` and `query` are per account or API key.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  auth: { limit: 20, windowMs: 60_000 },
  ingest: { limit: 200, windowMs: 1_000 },
  query: { limit: 100, windowMs: 1_000 },
};

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

/**
 * Parses `auth=10/60s,ingest=1200/1m`: each item is `<class>=<limit>/<window>` with the window
 * in ms, s, m or h. Returns the limits, or a message saying what is wrong.
 */
export function parseRateLimits(text: string): RateLimits | string {
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS };
  for (const item of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([a-z]+)=(\d+)\/(\d+)(ms|s|m|h)$/.exec(item);
    if (!match) return `"${item}" is not <class>=<limit>/<window>, e.g. query=100/1s`;
    const [, name, limit, amount, unit] = match as unknown as [
      string,
      string,
      string,
      string,
      keyof typeof UNIT_MS,
    ];
    if (!(RATE_LIMIT_CLASSES as readonly string[]).includes(name)) {
      return `"${name}" is not a route class (${RATE_LIMIT_CLASSES.join(', ')})`;
    }
    const windowMs = Number(amount) * UNIT_MS[unit];
    if (Number(limit) < 1 || windowMs < 1) return `"${item}" needs a limit and a window above 0`;
    limits[name as RateLimitClass] = { limit: Number(limit), windowMs };
  }
  return limits;
}
