import { type OpenAPIObject } from '@nestjs/swagger';
import { describeRouteAccess } from '../http/openapi';
import { describeAccess, ROUTE_ACCESS } from './access';

describe('route access in the OpenAPI document', () => {
  it('says who may call a route from the access table, with the roles granting its scope', () => {
    expect(describeAccess(ROUTE_ACCESS['GET /v1/sensors/readings'])).toBe(
      'Access: a session or an API key with scope `read:sensors` (roles admin, steward, analyst); a key limited to datasets must hold telemetry.readings.',
    );
    expect(describeAccess(ROUTE_ACCESS['GET /v1/admin/audit'])).toBe(
      "Access: a person's session (an API key is refused) with scope `admin:accounts` (roles admin).",
    );
    expect(describeAccess(ROUTE_ACCESS['POST /v1/api-keys'])).toBe(
      "Access: a person's session (an API key is refused).",
    );
    expect(describeAccess(ROUTE_ACCESS['GET /v1'])).toBe('Access: anyone, without credentials.');
    expect(describeAccess(undefined)).toBe(
      'Access: nobody (the route is missing from the access table).',
    );
  });

  it('ends each operation’s description with it, keeping what the route wrote', () => {
    const document = {
      paths: {
        '/v1/sensors/readings': {
          get: { description: 'Readings.', responses: {} },
          post: { responses: {} },
        },
      },
    } as unknown as OpenAPIObject;
    const described = describeRouteAccess(document).paths['/v1/sensors/readings']!;
    expect(described.get!.description).toBe(
      'Readings.\n\nAccess: a session or an API key with scope `read:sensors` (roles admin, steward, analyst); a key limited to datasets must hold telemetry.readings.',
    );
    expect(described.post!.description).toBe(
      'Access: a session or an API key with scope `ingest:sensors` (roles admin, ingest); a key limited to datasets must hold telemetry.readings.',
    );
  });
});
