import { type FastifyInstance } from 'fastify';
import { CONSOLE_PATH } from '../console/console.static';

/**
 * What every JSON or problem answer may load or be framed by: nothing. An answer rendered by a
 * browser (a mistaken `text/html` sniff, an old client) can then run nothing and be embedded
 * nowhere.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Swagger UI's page: its own bundled script and stylesheet, the inline styles it sets on
 * elements, `data:` images (its icons), and calls to this origin only ("Try it out").
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface SecurityHeaderOptions {
  /** `Strict-Transport-Security` max-age in seconds; 0 sends none (no TLS in front). */
  readonly hstsMaxAgeS: number;
}

/**
 * The headers every answer carries, by path: the console (`console.static.ts`) sets its own CSP,
 * Swagger UI gets `DOCS_CSP`, everything else `API_CSP`.
 */
export function securityHeaders(
  path: string,
  options: SecurityHeaderOptions,
): Record<string, string> {
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
  if (options.hstsMaxAgeS > 0) {
    headers['strict-transport-security'] = `max-age=${options.hstsMaxAgeS}; includeSubDomains`;
  }
  if (path === CONSOLE_PATH || path.startsWith(`${CONSOLE_PATH}/`)) return headers;
  headers['content-security-policy'] =
    path === '/docs' || path.startsWith('/docs/') ? DOCS_CSP : API_CSP;
  return headers;
}

/** Adds `securityHeaders` to every answer of `fastify`, errors and 404s included. */
export function addSecurityHeaders(fastify: FastifyInstance, options: SecurityHeaderOptions): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(securityHeaders(request.url.split('?')[0] ?? '', options));
    done();
  });
}
