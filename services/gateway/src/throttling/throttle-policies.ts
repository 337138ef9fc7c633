import { type Principal } from '../auth/account';
import {
  type PrincipalBudgets,
  type PrincipalKind,
  type RateLimit,
  type RateLimitClass,
  type RateLimits,
} from './rate-limits';

/** One counter a request is charged to: its name (in the `RateLimit` fields), key and limit. */
export interface ThrottlePolicy extends RateLimit {
  /** `query`, `banking`, … for a route's class; `anonymous`, `account`, `ingest` for a budget. */
  readonly name: string;
  /** The Redis counter: shared by every replica, so the limit is one limit. */
  readonly key: string;
}

/**
 * Which budget a caller spends: machines that only send data (an API key whose scopes are all
 * `ingest:…`) get the ingest budget of their account; a key that may also read spends the
 * account's, so the larger budget never pays for reads.
 */
export function principalKind(principal: Principal | undefined): PrincipalKind {
  if (!principal) return 'anonymous';
  const ingestOnly =
    principal.scopes.length > 0 && principal.scopes.every((scope) => scope.startsWith('ingest:'));
  return principal.apiKeyId !== undefined && ingestOnly ? 'ingest' : 'account';
}

/**
 * The counters a request is charged to: its route's class, per route and per caller (the account,
 * or the client address without credentials), if the route has one; and always its principal's
 * budget over every route. An account's sessions and keys share both, so a new key or a new
 * login is no fresh allowance.
 */
export function throttlePolicies(
  request: {
    readonly routeClass: RateLimitClass | undefined;
    readonly route: string;
    readonly principal: Principal | undefined;
    readonly clientIp: string;
  },
  limits: RateLimits,
  budgets: PrincipalBudgets,
): ThrottlePolicy[] {
  const kind = principalKind(request.principal);
  const caller = request.principal
    ? `account:${request.principal.accountId}`
    : `ip:${request.clientIp}`;
  const policies: ThrottlePolicy[] = [];
  if (request.routeClass) {
    policies.push({
      name: request.routeClass,
      key: `route:${request.route}:${caller}`,
      ...limits[request.routeClass],
    });
  }
  policies.push({
    name: kind,
    key: kind === 'ingest' ? `budget:ingest:${caller}` : `budget:${caller}`,
    ...budgets[kind],
  });
  return policies;
}

/** What the counter said after this request was counted. */
export interface PolicyState {
  readonly policy: ThrottlePolicy;
  readonly remaining: number;
  /** Seconds until the window (or the block) ends. */
  readonly resetS: number;
  readonly blocked: boolean;
}

/**
 * The `RateLimit-Policy` and `RateLimit` fields of the IETF draft "RateLimit header fields for
 * HTTP" (structured-field lists): each policy with its quota `q` and window `w` in seconds, and
 * what remains `r` and when it resets `t`.
 */
export function rateLimitFields(states: readonly PolicyState[]): {
  'RateLimit-Policy': string;
  RateLimit: string;
} {
  return {
    'RateLimit-Policy': states
      .map(({ policy }) => `"${policy.name}";q=${policy.limit};w=${windowSeconds(policy)}`)
      .join(', '),
    RateLimit: states
      .map(({ policy, remaining, resetS }) => `"${policy.name}";r=${remaining};t=${resetS}`)
      .join(', '),
  };
}

const windowSeconds = (policy: RateLimit): number => Math.max(1, Math.ceil(policy.windowMs / 1000));
