import { call, GatewayTestBed } from '../testing/gateway.test-bed';

/** The OpenAPI document, the route list and the answer to an unknown route, from a running gateway. */
describe('the API’s description', () => {
  let bed: GatewayTestBed;
  let api: string;

  beforeAll(async () => {
    bed = await GatewayTestBed.start();
    api = bed.api;
  }, 180_000);

  afterAll(() => bed?.stop());

  it('documents every route, lists them, and answers unknown routes with a problem', async () => {
    const doc = await call<{ paths: Record<string, Record<string, unknown>> }>(
      api,
      'GET',
      '/docs-json',
    );
    expect(doc.status).toBe(200);
    const operations = Object.entries(doc.body.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /v1/auth/register',
        'POST /v1/auth/login',
        'POST /v1/auth/refresh',
        'GET /v1/auth/me',
        'POST /v1/sensors/readings',
        'GET /v1/sensors/readings',
        'GET /v1/sensors/{sensorId}/readings',
        'PUT /v1/sensors/readings/{id}',
        'GET /v1/sensors/{sensorId}/readings/{id}',
        'PUT /v1/sensors/{sensorId}/readings/{id}',
        'GET /v1/sensors/aggregates',
        'POST /v1/api-keys',
        'GET /v1/api-keys',
        'DELETE /v1/api-keys/{id}',
        'POST /v1/files',
        'GET /v1/jobs',
        'GET /v1/jobs/{id}',
        'GET /v1/jobs/{id}/rejections',
        'GET /v1/energy/alerts',
        'GET /v1/energy/usage',
        'GET /v1/ev/users',
        'GET /v1/ev/chargers',
        'GET /v1/ev/chargers/{id}/usage-analytics',
        'GET /v1/ev/transactions',
        'GET /v1/banking/clients',
        'GET /v1/banking/clients/{id}/transactions',
        'GET /v1/banking/clients/{id}/transactions/daily',
        'GET /v1/banking/clients/{id}/transactions/monthly',
        'GET /v1/retail/products',
        'GET /v1/retail/categories',
        'GET /v1/retail/sales',
        'GET /v1/retail/sales/daily-count',
        'GET /v1/retail/sales/product-daily-count',
        'GET /v1/retail/sales/category-sales',
        'GET /v1/quality/{dataset}',
        'GET /v1',
        'GET /health/live',
        'GET /health/ready',
      ]),
    );
    const postReadings = doc.body.paths['/v1/sensors/readings']?.['post'] as {
      responses: Record<string, unknown>;
      security: unknown[];
    };
    expect(Object.keys(postReadings.responses).sort()).toEqual([
      '202',
      '400',
      '401',
      '403',
      '413',
      '429',
      '503',
    ]);
    expect(postReadings.security).toEqual([{ 'api-key': [] }, { bearer: [] }]);
    // Every read of the API shows an example of its answer, and its throttling and auth errors.
    const reads = Object.entries(doc.body.paths).flatMap(([path, item]) => {
      const get = item['get'] as
        | { responses: Record<string, { content?: Record<string, { example?: unknown }> }> }
        | undefined;
      return path.startsWith('/v1/') && get ? [{ path, responses: get.responses }] : [];
    });
    const withoutExample = reads
      .filter(
        ({ responses }) => responses['200']?.content?.['application/json']?.example === undefined,
      )
      .map(({ path }) => path);
    expect(withoutExample).toEqual([]);
    const withoutProblems = reads
      .filter(({ responses }) => !['401', '429'].every((status) => status in responses))
      .map(({ path }) => path);
    expect(withoutProblems).toEqual([]);
    expect((await call(api, 'GET', '/docs')).status).toBe(200);

    const index = await call<{ routes: { method: string; path: string }[] }>(api, 'GET', '/v1');
    expect(index.body.routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(operations),
    );

    const notFound = await call(api, 'GET', '/v1/nothing-here');
    expect(notFound.status).toBe(404);
    expect(notFound.body).toMatchObject({
      type: '/problems/not-found',
      detail: 'no route GET /v1/nothing-here; GET /v1 lists the routes',
    });
  });
});
