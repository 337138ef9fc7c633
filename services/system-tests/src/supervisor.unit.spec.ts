import { freePort, type ProcessSpec } from '@tributary/testing';
import { Supervisor } from './supervisor';

/** A process that serves /health/ready, as every service and ClickHouse do. */
async function tinyServer(): Promise<ProcessSpec> {
  const port = await freePort();
  return {
    name: 'tiny-server',
    command: process.execPath,
    args: [
      '-e',
      `require('node:http').createServer((q, r) => r.end('ok')).listen(${port}, '127.0.0.1')`,
    ],
    env: { PATH: process.env['PATH'] ?? '' },
    httpPort: port,
  };
}

const answers = async (port: number): Promise<boolean> => {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`, {
      signal: AbortSignal.timeout(1_000),
    });
    return response.ok;
  } catch {
    return false;
  }
};

describe('Supervisor', () => {
  const supervisor = new Supervisor();

  afterAll(() => supervisor.stopAll());

  it('freezes, thaws, kills and restarts a process by pid, counting every incarnation', async () => {
    const spec = await tinyServer();
    const first = await supervisor.start(spec);
    expect(await answers(spec.httpPort)).toBe(true);

    supervisor.freeze(spec.name);
    expect(await answers(spec.httpPort)).toBe(false);
    supervisor.thaw(spec.name);
    expect(await answers(spec.httpPort)).toBe(true);

    await supervisor.kill(spec.name);
    await first.exited;
    expect(await answers(spec.httpPort)).toBe(false);

    const second = await supervisor.restart(spec.name);
    expect(second.pid).not.toBe(first.pid);
    expect(await answers(spec.httpPort)).toBe(true);
    const usage = supervisor.usage(spec.name);
    expect(usage.starts).toBe(2);
    // A Node process holds tens of MiB resident at least; /proc was read.
    expect(usage.peakRssMiB).toBeGreaterThan(10);
  });
});
