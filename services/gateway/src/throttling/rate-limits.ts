/**
 * Routes are throttled by class: each route names its class with `@RateLimit(...)`, and the limit
 * of each class comes from config, so an operator tunes limits without a code change.
 */
export const RATE_LIMIT_CLASSES = ['auth', 'ingest', 'query', 'banking'] as const;
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
 * password guessing; the others are per account (or per client IP without credentials).
 * `banking` is the bank client routes' 10 a minute, what the bank pipeline enforced.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  auth: { limit: 20, windowMs: 60_000 },
  ingest: { limit: 200, windowMs: 1_000 },
  query: { limit: 100, windowMs: 1_000 },
  banking: { limit: 10, windowMs: 60_000 },
};

/**
 * Budgets per principal over every route together: `anonymous` per client address (the retail
 * pipeline's 100 a minute), `account` per account, shared by its sessions and API keys, and
 * `ingest` per account for its ingest keys (devices send far more than people read). A new key
 * or a new session of an account is never a fresh allowance.
 */
export const PRINCIPAL_KINDS = ['anonymous', 'account', 'ingest'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];
export type PrincipalBudgets = Record<PrincipalKind, RateLimit>;

export const DEFAULT_PRINCIPAL_BUDGETS: PrincipalBudgets = {
  anonymous: { limit: 100, windowMs: 60_000 },
  account: { limit: 6_000, windowMs: 60_000 },
  ingest: { limit: 60_000, windowMs: 60_000 },
};

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

/**
 * Parses `auth=10/60s,ingest=1200/1m`: each item is `<class>=<limit>/<window>` with the window
 * in ms, s, m or h. Returns the limits, or a message saying what is wrong.
 */
export function parseRateLimits(text: string): RateLimits | string {
  return parseLimits(text, RATE_LIMIT_CLASSES, DEFAULT_RATE_LIMITS, 'route class');
}

/** `anonymous=100/1m,account=6000/1m,ingest=60000/1m`, as `parseRateLimits`. */
export function parsePrincipalBudgets(text: string): PrincipalBudgets | string {
  return parseLimits(text, PRINCIPAL_KINDS, DEFAULT_PRINCIPAL_BUDGETS, 'kind of principal');
}

function parseLimits<N extends string>(
  text: string,
  names: readonly N[],
  defaults: Record<N, RateLimit>,
  what: string,
): Record<N, RateLimit> | string {
  const limits: Record<N, RateLimit> = { ...defaults };
  for (const item of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([a-z]+)=(\d{1,9})\/(\d{1,9})(ms|s|m|h)$/.exec(item);
    if (!match) return `"${item}" is not <name>=<limit>/<window>, e.g. query=100/1s`;
    const [, name, limit, amount, unit] = match as unknown as [
      string,
      string,
      string,
      string,
      keyof typeof UNIT_MS,
    ];
    if (!(names as readonly string[]).includes(name)) {
      return `"${name}" is not a ${what} (${names.join(', ')})`;
    }
    const windowMs = Number(amount) * UNIT_MS[unit];
    if (Number(limit) < 1 || windowMs < 1) return `"${item}" needs a limit and a window above 0`;
    limits[name as N] = { limit: Number(limit), windowMs };
  }
  return limits;
}
