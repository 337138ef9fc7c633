import { SetMetadata, type ExecutionContext } from '@nestjs/common';
import { type RateLimitClass } from './rate-limits';

const RATE_LIMIT_CLASS = 'tributary:rate-limit-class';

/**
 * Throttles the route with its class's limit (RATE_LIMITS), per route and caller. Every route,
 * marked or not, also spends its caller's budget (PRINCIPAL_RATE_LIMITS); probes spend nothing.
 */
export const RateLimit = (routeClass: RateLimitClass) => SetMetadata(RATE_LIMIT_CLASS, routeClass);

export function rateLimitClassOf(context: ExecutionContext): RateLimitClass | undefined {
  return (
    (Reflect.getMetadata(RATE_LIMIT_CLASS, context.getHandler()) as RateLimitClass | undefined) ??
    (Reflect.getMetadata(RATE_LIMIT_CLASS, context.getClass()) as RateLimitClass | undefined)
  );
}
