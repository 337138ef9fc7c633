import { z } from 'zod';
import { ConfigError, env, loadConfig } from './config';

const schema = z.object({
  KAFKA_BROKERS: env.hostPortList(),
  CLICKHOUSE_URL: env.url(['http', 'https']),
  HTTP_PORT: env.port(),
  BATCH_SIZE: env.positiveInt(),
  TRUST_PROXY: env.boolean(),
});

const valid = {
  KAFKA_BROKERS: '127.0.0.1:19092, kafka-1.internal:9092',
  CLICKHOUSE_URL: 'http://127.0.0.1:18123',
  HTTP_PORT: '8080',
  BATCH_SIZE: '5000',
  TRUST_PROXY: 'false',
};

function problemsOf(environment: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(schema, environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('returns typed values', () => {
    expect(loadConfig(schema, valid)).toEqual({
      KAFKA_BROKERS: ['127.0.0.1:19092', 'kafka-1.internal:9092'],
      CLICKHOUSE_URL: 'http://127.0.0.1:18123',
      HTTP_PORT: 8080,
      BATCH_SIZE: 5000,
      TRUST_PROXY: false,
    });
  });

  it('names every bad variable at once', () => {
    expect(
      problemsOf({ ...valid, KAFKA_BROKERS: 'kafka', HTTP_PORT: '70000', TRUST_PROXY: 'yes' }),
    ).toEqual([
      'KAFKA_BROKERS: must be a comma-separated list of host:port',
      'HTTP_PORT: must be a port number between 1 and 65535',
      'TRUST_PROXY: must be true or false',
    ]);
  });

  it('says a missing variable is required', () => {
    const { CLICKHOUSE_URL: _omitted, ...rest } = valid;
    expect(problemsOf(rest)).toEqual(['CLICKHOUSE_URL: is required']);
  });

  it('refuses a URL of the wrong protocol', () => {
    expect(problemsOf({ ...valid, CLICKHOUSE_URL: 'ftp://x' })).toEqual([
      'CLICKHOUSE_URL: must be a URL starting with http:// or https://',
    ]);
  });

  it('refuses zero and fractions where a positive whole number is needed', () => {
    expect(problemsOf({ ...valid, BATCH_SIZE: '0' })).toEqual([
      'BATCH_SIZE: must be a positive whole number',
    ]);
    expect(problemsOf({ ...valid, BATCH_SIZE: '1.5' })).toEqual([
      'BATCH_SIZE: must be a positive whole number',
    ]);
  });

  it('carries a stable code and the problems in its message', () => {
    const error = new ConfigError(['A: is required']);
    expect(error.code).toBe('CONFIG.INVALID');
    expect(error.retriable).toBe(false);
    expect(error.message).toBe('Invalid configuration:\n  - A: is required');
  });
});
