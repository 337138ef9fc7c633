import { Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerException,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { type Principal } from '../auth/account';
import { clientIp } from './client-ip';

export const TRUSTED_PROXY_HOPS = Symbol('TRUSTED_PROXY_HOPS');

interface TrackedRequest {
  user?: Principal;
  socket?: { remoteAddress?: string };
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Counts requests per route and per caller in Redis, so the limit holds across replicas. The
 * caller is the account once authenticated (this guard runs after authentication), the client
 * address otherwise.
 */
@Injectable()
export class RouteThrottlerGuard extends ThrottlerGuard {
  private readonly log = new Logger('throttling');

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(TRUSTED_PROXY_HOPS) private readonly hops: number,
  ) {
    super(options, storage, reflector);
  }

  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const req = request as unknown as TrackedRequest;
    if (req.user?.apiKeyId) return Promise.resolve(`api-key:${req.user.apiKeyId}`);
    if (req.user) return Promise.resolve(`account:${req.user.accountId}`);
    return Promise.resolve(
      `ip:${clientIp(req.socket?.remoteAddress, req.headers['x-forwarded-for'], this.hops)}`,
    );
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    try {
      return await super.handleRequest(request);
    } catch (error) {
      if (error instanceof ThrottlerException) throw error;
      // Redis is unreachable: serve unthrottled rather than refuse every request.
      this.log.warn({ err: error }, 'rate limit storage failed; request let through');
      return true;
    }
  }
}
