import { type DatasetName } from '@tributary/contracts';
import { type Role } from './account';

/**
 * What a principal may do. A role grants a set of scopes; an API key carries a subset of its
 * owner's (never more, checked against the owner's role every time the key is verified).
 */
export const SCOPES = [
  'ingest:sensors',
  'ingest:files',
  'read:sensors',
  'read:ev',
  'read:banking',
  'read:energy',
  'read:retail',
  'read:quality',
  /** Names, e-mails and phones of EV users and bank clients, and raw rejected rows, unmasked. */
  'read:personal',
  /** Every ingest job and its rejections; without it, only the jobs one submitted. */
  'read:all-jobs',
  /** Accounts, roles, the audit log and ingest activity. */
  'admin:accounts',
] as const;
export type Scope = (typeof SCOPES)[number];

const DATA_READS: readonly Scope[] = [
  'read:sensors',
  'read:ev',
  'read:banking',
  'read:energy',
  'read:retail',
  'read:quality',
];

/** The one table of what each role grants. A self-registered account is an analyst. */
export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  admin: SCOPES,
  steward: [...DATA_READS, 'read:personal', 'read:all-jobs'],
  analyst: DATA_READS,
  ingest: ['ingest:sensors', 'ingest:files'],
};

export const scopesOf = (role: Role): readonly Scope[] => ROLE_SCOPES[role];

/**
 * Who may call a route:
 * - `anyone`: no credentials needed;
 * - `signed-in`: a person's access token or an API key;
 * - `person`: a person's access token only (an API key is refused with 403), e.g. key management
 *   and the account's own profile, so a leaked machine key cannot widen or read its account.
 * `scope`, when set, must be granted to the caller as well.
 */
export interface RouteAccess {
  who: 'anyone' | 'signed-in' | 'person';
  scope?: Scope;
  /**
   * The datasets the route reads or writes: an API key limited to datasets must hold them all.
   * Routes whose dataset is in the request (uploads, quality reports) check it themselves
   * (`assertDatasetAllowed`).
   */
  datasets?: readonly DatasetName[];
}

const anyone: RouteAccess = { who: 'anyone' };
const person: RouteAccess = { who: 'person' };
const signedIn: RouteAccess = { who: 'signed-in' };
const needs = (scope: Scope, ...datasets: DatasetName[]): RouteAccess => ({
  who: 'signed-in',
  scope,
  ...(datasets.length > 0 ? { datasets } : {}),
});
const admin: RouteAccess = { who: 'person', scope: 'admin:accounts' };

/**
 * Every route of the gateway with who may call it, keyed `METHOD /path` as the OpenAPI document
 * spells the path. The authorization guard reads only this table: a route missing from it is
 * refused for everyone (and `access.e2e.spec.ts` walks the OpenAPI document against it).
 */
export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  'GET /v1': anyone,
  'GET /problems/{slug}': anyone,
  'GET /health/live': anyone,
  'GET /health/ready': anyone,
  'GET /metrics': anyone,

  'POST /v1/auth/register': anyone,
  'POST /v1/auth/login': anyone,
  'POST /v1/auth/refresh': anyone,
  'POST /v1/auth/logout': person,
  'GET /v1/auth/me': person,
  'PATCH /v1/auth/me': person,

  'POST /v1/api-keys': person,
  'GET /v1/api-keys': person,
  'DELETE /v1/api-keys/{id}': person,

  'POST /v1/sensors/readings': needs('ingest:sensors', 'telemetry.readings'),
  'PUT /v1/sensors/readings/{id}': needs('ingest:sensors', 'telemetry.readings'),
  'GET /v1/sensors/readings': needs('read:sensors', 'telemetry.readings'),
  'GET /v1/sensors/{sensorId}/readings': needs('read:sensors', 'telemetry.readings'),
  'GET /v1/sensors/{sensorId}/readings/{id}': needs('read:sensors', 'telemetry.readings'),
  'PUT /v1/sensors/{sensorId}/readings/{id}': needs('ingest:sensors', 'telemetry.readings'),
  'GET /v1/sensors/aggregates': needs('read:sensors', 'telemetry.readings'),

  'POST /v1/files': needs('ingest:files'),
  // Everyone signed in sees the jobs they submitted; `read:all-jobs` sees every job.
  'GET /v1/jobs': signedIn,
  'GET /v1/jobs/{id}': signedIn,
  'GET /v1/jobs/{id}/rejections': signedIn,

  'GET /v1/ev/users': needs('read:ev', 'ev.users'),
  'GET /v1/ev/chargers': needs('read:ev', 'ev.chargers'),
  'GET /v1/ev/chargers/{id}/usage-analytics': needs('read:ev', 'ev.chargers', 'ev.transactions'),
  'GET /v1/ev/transactions': needs('read:ev', 'ev.transactions', 'ev.users', 'ev.chargers'),

  'GET /v1/banking/clients': needs('read:banking', 'banking.clients'),
  'GET /v1/banking/clients/{id}/transactions': needs('read:banking', 'banking.transactions'),
  'GET /v1/banking/clients/{id}/transactions/daily': needs('read:banking', 'banking.transactions'),
  'GET /v1/banking/clients/{id}/transactions/monthly': needs(
    'read:banking',
    'banking.transactions',
  ),

  'GET /v1/energy/usage': needs('read:energy', 'energy.usage'),
  'GET /v1/energy/alerts': needs('read:energy', 'energy.usage'),

  'GET /v1/retail/products': needs('read:retail', 'retail.products'),
  'GET /v1/retail/categories': needs('read:retail', 'retail.products'),
  'GET /v1/retail/sales': needs('read:retail', 'retail.sales', 'retail.products'),
  'GET /v1/retail/sales/daily-count': needs('read:retail', 'retail.sales', 'retail.products'),
  'GET /v1/retail/sales/product-daily-count': needs(
    'read:retail',
    'retail.sales',
    'retail.products',
  ),
  'GET /v1/retail/sales/category-sales': needs('read:retail', 'retail.sales', 'retail.products'),

  'GET /v1/quality/{dataset}': needs('read:quality'),

  'GET /v1/admin/accounts': admin,
  'PATCH /v1/admin/accounts/{id}': admin,
  'PUT /v1/admin/accounts/{id}/role': admin,
  'GET /v1/admin/ingest-activity': admin,
  'GET /v1/admin/audit': admin,
  'POST /v1/admin/invites': admin,
  'GET /v1/admin/invites': admin,
  'DELETE /v1/admin/invites/{id}': admin,
};

/** `/v1/ev/chargers/:id/usage-analytics` (Fastify's spelling) → `/v1/ev/chargers/{id}/usage-analytics`. */
export const routeKey = (method: string, url: string): string =>
  `${method.toUpperCase()} ${url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;

export const accessOf = (method: string, url: string): RouteAccess | undefined =>
  ROUTE_ACCESS[routeKey(method === 'HEAD' ? 'GET' : method, url)];

/** The roles that grant a scope, from ROLE_SCOPES. */
const rolesGranting = (scope: Scope): Role[] =>
  (Object.keys(ROLE_SCOPES) as Role[]).filter((role) => ROLE_SCOPES[role].includes(scope));

/**
 * Who may call a route, in a sentence for its OpenAPI description: written from the table the
 * guard applies, so the documentation cannot say otherwise.
 */
export function describeAccess(access: RouteAccess | undefined): string {
  if (!access) return 'Access: nobody (the route is missing from the access table).';
  if (access.who === 'anyone') return 'Access: anyone, without credentials.';
  const caller =
    access.who === 'person'
      ? "a person's session (an API key is refused)"
      : 'a session or an API key';
  const scope = access.scope
    ? ` with scope \`${access.scope}\` (roles ${rolesGranting(access.scope).join(', ')})`
    : '';
  const datasets = access.datasets
    ? `; a key limited to datasets must hold ${access.datasets.join(', ')}`
    : '';
  return `Access: ${caller}${scope}${datasets}.`;
}
