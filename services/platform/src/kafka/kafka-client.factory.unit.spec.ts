import { Writable } from 'node:stream';
import { logLevel } from 'kafkajs';
import { createLogger } from '../logging/logger';
import { kafkaLogCreator } from './kafka-client.factory';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: kafkaLogCreator(createLogger('svc', level, stream))(logLevel.INFO) };
}

const entry = (namespace: string, level: logLevel, message: string) => ({
  namespace,
  level,
  label: 'ERROR',
  log: { timestamp: '2026-11-22T10:00:00.000Z', message, broker: '127.0.0.1:19092' },
});

describe('kafkaLogCreator', () => {
  it('writes kafkajs lines through pino with the namespace and the extra fields', async () => {
    const { lines, log } = capture('info');
    log(entry('Producer', logLevel.WARN, 'Limiting retries'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        service: 'svc',
        module: 'kafkajs',
        namespace: 'Producer',
        broker: '127.0.0.1:19092',
        msg: 'Limiting retries',
      }),
    ]);
  });

  it('keeps broker error responses at debug, and real connection errors at error', async () => {
    const { lines, log } = capture('debug');
    log(entry('Connection', logLevel.ERROR, 'Response InitProducerId(key: 22, version: 1)'));
    log(
      entry('Connection', logLevel.ERROR, 'Connection error: connect ECONNREFUSED 127.0.0.1:19092'),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((l) => [l['level'], l['msg']])).toEqual([
      ['debug', 'Response InitProducerId(key: 22, version: 1)'],
      ['error', 'Connection error: connect ECONNREFUSED 127.0.0.1:19092'],
    ]);
  });

  it('drops nothing-level lines', async () => {
    const { lines, log } = capture('trace');
    log(entry('Producer', logLevel.NOTHING, 'never'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([]);
  });
});
