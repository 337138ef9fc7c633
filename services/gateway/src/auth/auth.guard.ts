import {
  createParamDecorator,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ProblemException } from '../http/problem';
import { accessOf, type RouteAccess } from './access';
import { AccessTokenStrategy } from './access-token.strategy';
import { type Principal } from './account';
import { assertDatasetAllowed } from './api-key';
import { ApiKeysService } from './api-keys.service';

/** The authenticated principal of the request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ user: Principal }>().user,
);

interface RoutedRequest {
  method: string;
  headers: Record<string, unknown>;
  routeOptions?: { url?: string };
  user?: Principal;
}

const routeAccess = (context: ExecutionContext): RouteAccess | undefined => {
  const request = context.switchToHttp().getRequest<RoutedRequest>();
  const url = request.routeOptions?.url;
  return url === undefined ? undefined : accessOf(request.method, url);
};

const NO_CREDENTIALS =
  'credentials are required: send Authorization: Bearer <access_token>, or an API key as Authorization: ApiKey <key> or X-API-Key';

/** The API key of a request: `Authorization: ApiKey <key>` or `X-API-Key: <key>`. */
export function presentedApiKey(headers: Record<string, unknown>): string | null | undefined {
  const authorization = headers['authorization'];
  if (typeof authorization === 'string' && /^apikey\s/i.test(authorization))
    return authorization.slice(authorization.indexOf(' ') + 1).trim();
  const header = headers['x-api-key'];
  if (header === undefined) return undefined;
  return typeof header === 'string' ? header : null;
}

/**
 * Global: authenticates every route the access table does not open to anyone, with an API key
 * (machines) or else an access token (`Authorization: Bearer`, people).
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly accessTokens: AccessTokenStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (routeAccess(context)?.who === 'anyone') return true;
    const request = context.switchToHttp().getRequest<RoutedRequest>();
    const key = presentedApiKey(request.headers);
    if (key !== undefined) {
      const principal = key === null ? null : await this.apiKeys.authenticate(key);
      if (!principal) {
        throw new ProblemException(
          'unauthorized',
          'the API key is not valid, has expired or was revoked',
        );
      }
      request.user = principal;
      return true;
    }
    const authorization = request.headers['authorization'];
    const bearer = typeof authorization === 'string' && /^Bearer\s+\S+\s*$/i.test(authorization);
    if (!bearer) throw new ProblemException('unauthorized', NO_CREDENTIALS);
    request.user = await this.accessTokens.principalOf(request);
    return true;
  }
}

/**
 * Global, after authentication: the route's entry in the access table (`ROUTE_ACCESS`) against
 * the principal. A route without an entry is refused, so a new route is closed until listed.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const access = routeAccess(context);
    if (!access) throw new ProblemException('forbidden', 'this route has no access rule');
    if (access.who === 'anyone') return true;
    const principal = context.switchToHttp().getRequest<RoutedRequest>().user;
    if (!principal) throw new ProblemException('unauthorized', NO_CREDENTIALS);
    if (access.who === 'person' && principal.apiKeyId)
      throw new ProblemException(
        'forbidden',
        'an API key cannot use this route (API keys, the account profile, administration): sign in as a person',
      );
    if (access.scope && !principal.scopes.includes(access.scope))
      throw new ProblemException(
        'forbidden',
        principal.apiKeyId
          ? `this route needs the scope ${access.scope}, which this API key does not have`
          : `this route needs the scope ${access.scope}, which the ${principal.role} role does not grant`,
      );
    if (access.datasets) assertDatasetAllowed(principal, ...access.datasets);
    return true;
  }
}
