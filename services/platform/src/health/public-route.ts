import { SetMetadata } from '@nestjs/common';

/** Metadata key an authenticating guard checks to let a route through without credentials. */
export const PUBLIC_ROUTE = 'tributary:public';

/** The route needs no credentials (ops routes, login). Every other route of the gateway does. */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);
