import { freePort } from '@tributary/testing';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createGateway, startGatewayOps } from '../main';
import { call, GatewayTestBed } from '../testing/gateway.test-bed';

/** `/metrics` lives on the ops port (loopback by default), never on the public one. */
describe('the gateway’s ops port', () => {
  let bed: GatewayTestBed;
  let app: NestFastifyApplication;
  let api: string;
  let ops: string;

  beforeAll(async () => {
    bed = await GatewayTestBed.start();
    const opsPort = await freePort();
    app = await createGateway({ ...bed.config, OPS_PORT: opsPort, OPS_HOST: '127.0.0.1' });
    await startGatewayOps(app, { ...bed.config, OPS_PORT: opsPort, OPS_HOST: '127.0.0.1' });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address();
    if (typeof address !== 'object' || !address) throw new Error('gateway has no address');
    api = `http://127.0.0.1:${address.port}`;
    ops = `http://127.0.0.1:${opsPort}`;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await bed?.stop();
  });

  it('serves /metrics there and answers 404 for it on the public port', async () => {
    const metrics = await fetch(`${ops}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(
      /^tributary_process_cpu_user_seconds_total\{service="gateway"\} /m,
    );
    const publicMetrics = await call(api, 'GET', '/metrics');
    expect(publicMetrics.status).toBe(404);
    expect(publicMetrics.body).toMatchObject({ type: '/problems/not-found' });
    // The public port still answers its probes.
    expect((await call(api, 'GET', '/health/live')).status).toBe(200);
  });
});
