import { createServer, type Server } from 'node:http';
import { type Registry } from 'prom-client';

/**
 * A second, small HTTP server for what operators and Prometheus read (`GET /metrics`), apart from
 * a public port: it binds its own address (loopback unless a cluster needs otherwise), and the
 * public port's authentication and throttling never see it because it is not on that port.
 * Node's own `http` is enough for one route.
 */
export async function startOpsServer(
  registry: Registry,
  { host, port }: { host: string; port: number },
): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => {
        response
          .writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
          .end(text);
      },
      () => {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
