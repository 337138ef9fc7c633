import { API_CSP, DOCS_CSP } from './security-headers';
import { call, GatewayTestBed } from '../testing/gateway.test-bed';

/** Security headers, CORS from the allowlist and Swagger UI switched off, on a running gateway. */
describe('browser-facing hardening', () => {
  let bed: GatewayTestBed;
  let locked: string;

  beforeAll(async () => {
    bed = await GatewayTestBed.start();
    locked = await bed.startGateway({
      CORS_ORIGINS: 'https://app.example.com',
      SWAGGER_UI: 'false',
      HSTS_MAX_AGE_S: '31536000',
    });
  }, 180_000);

  afterAll(() => bed?.stop());

  it('sends the security headers with answers and problems alike', async () => {
    for (const path of ['/v1', '/v1/no-such-route', '/v1/sensors/readings']) {
      const reply = await fetch(`${locked}${path}`);
      expect({
        path,
        nosniff: reply.headers.get('x-content-type-options'),
        frame: reply.headers.get('x-frame-options'),
        referrer: reply.headers.get('referrer-policy'),
        csp: reply.headers.get('content-security-policy'),
        hsts: reply.headers.get('strict-transport-security'),
      }).toEqual({
        path,
        nosniff: 'nosniff',
        frame: 'DENY',
        referrer: 'no-referrer',
        csp: API_CSP,
        hsts: 'max-age=31536000; includeSubDomains',
      });
    }
    // Without HSTS_MAX_AGE_S (no TLS in front), no HSTS.
    expect((await fetch(`${bed.api}/v1`)).headers.get('strict-transport-security')).toBeNull();
  });

  it('serves Swagger UI under its CSP with nothing inline, or not at all when switched off', async () => {
    const docs = await fetch(`${bed.api}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toBe(DOCS_CSP);
    const html = await docs.text();
    // script-src 'self': every script of the page must be a file of this origin.
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);
    expect((await fetch(`${locked}/docs`)).status).toBe(404);
    expect((await fetch(`${locked}/docs-json`)).status).toBe(200);
  });

  it('answers CORS for the allowed origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${locked}/v1/sensors/readings`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight('https://app.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const other = await preflight('https://evil.example.net');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    // The default gateway allows no other origin at all.
    const none = await fetch(`${bed.api}/v1`, { headers: { origin: 'https://app.example.com' } });
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses prototype-polluting JSON keys before anything reads the body', async () => {
    for (const raw of [
      '{"__proto__":{"polluted":true},"sensor_id":"s"}',
      '{"constructor":{"prototype":{"polluted":true}},"sensor_id":"s"}',
    ]) {
      const reply = await call(locked, 'POST', '/v1/sensors/readings', { raw });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ type: '/problems/malformed-body' });
    }
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
