import {
  createParamDecorator,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { PUBLIC_ROUTE, PublicRoute } from '@tributary/platform';
import { ProblemException } from '../http/problem';
import { roleAllows, type Permission, type Principal } from './account';
import { ApiKeysService } from './api-keys.service';

const REQUIRED_PERMISSION = 'tributary:permission';

/** The route needs no credentials. Every other route does. */
export const Public = PublicRoute;

/** The route needs a role granting this permission (see `roleAllows`). */
export const Requires = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);

/** The authenticated principal of the request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ user: Principal }>().user,
);

/** Why passport-jwt refused a token, said so a client knows what to do. */
function refusal(info: unknown): string {
  const name = (info as { name?: string } | undefined)?.name;
  if (name === 'TokenExpiredError')
    return 'the access token has expired; refresh it or log in again';
  if (name === 'JsonWebTokenError' || name === 'NotBeforeError')
    return 'the access token is not valid';
  return 'an access token is required: send Authorization: Bearer <access_token>';
}

/**
 * Global: authenticates every route not marked @Public(), with an API key (`X-API-Key`, for
 * machines) or else an access token (`Authorization: Bearer`, for people).
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, unknown>; user?: Principal }>();
    const key = request.headers['x-api-key'];
    if (key !== undefined) {
      const principal = typeof key === 'string' ? await this.apiKeys.authenticate(key) : null;
      if (!principal) {
        throw new ProblemException(
          'unauthorized',
          'the API key is not valid, has expired or was revoked',
        );
      }
      request.user = principal;
      return true;
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T = Principal>(error: unknown, principal: T | false, info: unknown): T {
    if (error || !principal) throw new ProblemException('unauthorized', refusal(info));
    return principal;
  }
}

/** Global, after authentication: checks the route's @Requires permission against the role. */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(
      REQUIRED_PERMISSION,
      [context.getHandler(), context.getClass()],
    );
    if (!permission) return true;
    const principal = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (principal && roleAllows(principal.role, permission)) return true;
    throw new ProblemException(
      'forbidden',
      permission === 'administer'
        ? `the ${principal?.role ?? 'anonymous'} role cannot administer Tributary; this needs the admin role`
        : `the ${principal?.role ?? 'anonymous'} role cannot ${permission} data; ` +
            (permission === 'read' ? 'reads need analyst or admin' : 'writes need ingest or admin'),
    );
  }
}
