import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FastifyReply } from 'fastify';

/**
 * The web console's Content-Security-Policy: everything from this origin, nothing inline, nothing
 * from anywhere else. The console is built for it (no inline script or style, no eval, fonts and
 * scripts bundled), so a script injected through data it shows cannot run or send anything away.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Hashed bundles never change under their name: a year, immutable. index.html: always checked. */
const LONG_CACHE = 'public, max-age=31536000, immutable';

export const CONSOLE_PATH = '/console';

/** Where the console's files are, or null when CONSOLE_DIR is `off`; throws when not built. */
export function consoleRoot(dir: string, cwd = process.cwd()): string | null {
  if (dir === 'off') return null;
  const root = isAbsolute(dir) ? dir : resolve(cwd, dir);
  if (!existsSync(join(root, 'index.html')))
    throw new Error(
      `CONSOLE_DIR=${dir}: ${root} has no index.html; build the console (bash scripts/nx.sh build console) or set CONSOLE_DIR=off`,
    );
  return root;
}

/** Serves the built console at /console/ with its CSP and caching; /console redirects there. */
export async function serveConsole(app: NestFastifyApplication, dir: string): Promise<void> {
  const root = consoleRoot(dir);
  if (!root) return;
  const assets = join(root, 'assets');
  await app.register(
    fastifyStatic as unknown as Parameters<NestFastifyApplication['register']>[0],
    {
      root,
      prefix: `${CONSOLE_PATH}/`,
      // Swagger UI registered @fastify/static already; the reply decorators exist once.
      decorateReply: false,
      index: ['index.html'],
      cacheControl: false,
      setHeaders: (reply: FastifyReply, path: string) => {
        reply.header('content-security-policy', CONSOLE_CSP);
        reply.header('x-content-type-options', 'nosniff');
        reply.header('referrer-policy', 'no-referrer');
        reply.header('cache-control', path.startsWith(assets) ? LONG_CACHE : 'no-cache');
      },
    },
  );
  app
    .getHttpAdapter()
    .getInstance()
    .get(CONSOLE_PATH, (_request, reply) => reply.redirect(`${CONSOLE_PATH}/`, 301));
}
