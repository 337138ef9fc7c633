import { Inject, Injectable, Logger, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerException,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { PROBE_ROUTE } from '@tributary/platform';
import { type Principal } from '../auth/account';
import { clientIp } from './client-ip';
import { rateLimitClassOf } from './rate-limit.decorator';
import { type PrincipalBudgets, type RateLimits } from './rate-limits';
import { rateLimitFields, throttlePolicies, type PolicyState } from './throttle-policies';

/** DI token of the throttling settings (from the gateway's config). */
export const THROTTLE_SETTINGS = Symbol('THROTTLE_SETTINGS');

export interface ThrottleSettings {
  /** Proxies in front of the gateway whose `X-Forwarded-For` entries are trusted. */
  readonly trustedProxyHops: number;
  readonly routeLimits: RateLimits;
  readonly principalBudgets: PrincipalBudgets;
}

interface TrackedRequest {
  user?: Principal;
  socket?: { remoteAddress?: string };
  headers: Record<string, string | string[] | undefined>;
}

interface HeaderReply {
  header(name: string, value: string | number): unknown;
}

/**
 * Charges each request to its route's class (per route and caller) and to its principal's budget
 * (every route), in Redis through @nestjs/throttler's storage, one atomic script per counter, so
 * the limits are exact across replicas. Runs after authentication, so the caller is the account
 * whatever key or session it used; without credentials it is the client address. Answers the
 * `RateLimit-Policy` and `RateLimit` fields, and `Retry-After` with a 429.
 */
@Injectable()
export class RouteThrottlerGuard extends ThrottlerGuard {
  private readonly log = new Logger('throttling');

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(THROTTLE_SETTINGS) private readonly settings: ThrottleSettings,
  ) {
    super(options, storage, reflector);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const probe = this.reflector.getAllAndOverride<boolean | undefined>(PROBE_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (probe) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<TrackedRequest>();
    const reply = http.getResponse<HeaderReply>();
    const policies = throttlePolicies(
      {
        routeClass: rateLimitClassOf(context),
        route: `${context.getClass().name}.${context.getHandler().name}`,
        principal: request.user,
        clientIp: clientIp(
          request.socket?.remoteAddress,
          request.headers['x-forwarded-for'],
          this.settings.trustedProxyHops,
        ),
      },
      this.settings.routeLimits,
      this.settings.principalBudgets,
    );
    let states: PolicyState[];
    try {
      states = await Promise.all(
        policies.map(async (policy) => {
          // Blocked for a whole window once over: a client hammering a spent budget gains nothing.
          // The window is part of the counter's name: replicas configured with other windows
          // (a rollout changing them) never extend or cut each other's.
          const hit = await this.storageService.increment(
            policy.key,
            policy.windowMs,
            policy.limit,
            policy.windowMs,
            `${policy.name}/${policy.windowMs}`,
          );
          return {
            policy,
            remaining: Math.max(0, policy.limit - hit.totalHits),
            resetS: Math.max(1, hit.isBlocked ? hit.timeToBlockExpire : hit.timeToExpire),
            blocked: hit.isBlocked,
          };
        }),
      );
    } catch (error) {
      // Redis is unreachable: serve unthrottled rather than refuse every request.
      this.log.warn({ err: error }, 'rate limit storage failed; request let through');
      return true;
    }
    for (const [name, value] of Object.entries(rateLimitFields(states))) reply.header(name, value);
    const blocked = states.filter((s) => s.blocked);
    if (blocked.length > 0) {
      reply.header('Retry-After', Math.max(...blocked.map((s) => s.resetS)));
      throw new ThrottlerException();
    }
    return true;
  }
}
