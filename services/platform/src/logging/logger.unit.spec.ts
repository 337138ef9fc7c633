import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('writes one JSON object per line with service, level name and ISO time', async () => {
    const { lines, stream } = capture();
    createLogger('sensor-ingest', 'info', stream)
      .child({ module: 'readings' })
      .info({ batch: 3 }, 'published');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'sensor-ingest',
      module: 'readings',
      batch: 3,
      msg: 'published',
    });
    expect(String(lines[0]!['time'])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('redacts passwords and credentials in logged objects', async () => {
    const { lines, stream } = capture();
    createLogger('gateway', 'info', stream).info(
      {
        password: 'hunter2',
        account: { password: 'x' },
        req: { headers: { authorization: 'Bearer t' } },
      },
      'login',
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]).toMatchObject({
      password: '[redacted]',
      account: { password: '[redacted]' },
      req: { headers: { authorization: '[redacted]' } },
    });
  });

  it('drops lines below its level', async () => {
    const { lines, stream } = capture();
    createLogger('gateway', 'warn', stream).info('not written');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([]);
  });
});
