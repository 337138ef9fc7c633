import { type AddressInfo } from 'node:net';
import { Counter, Registry } from 'prom-client';
import { startOpsServer } from './ops-server';

describe('startOpsServer', () => {
  it('serves the registry at GET /metrics on its own address, and nothing else', async () => {
    const registry = new Registry();
    new Counter({ name: 'ops_test_total', help: 'a test counter', registers: [registry] }).inc(3);
    const server = await startOpsServer(registry, { host: '127.0.0.1', port: 0 });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const metrics = await fetch(`${base}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('ops_test_total 3');
      expect((await fetch(`${base}/v1`)).status).toBe(404);
      expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
