import { SetMetadata } from '@nestjs/common';

/** Metadata key an authenticating guard checks to let a route through without credentials. */
export const PUBLIC_ROUTE = 'tributary:public';

/** The route needs no credentials (ops routes, login). Every other route of the gateway does. */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

/** Metadata key of routes an orchestrator polls (liveness, readiness): never rate limited. */
export const PROBE_ROUTE = 'tributary:probe';

/** The route is a probe: a throttling guard lets it through uncounted. */
export const ProbeRoute = () => SetMetadata(PROBE_ROUTE, true);
