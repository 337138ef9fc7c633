import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, env, loadConfig, secretsOf } from './config';
import { configTable } from './config-table';

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

describe('secrets', () => {
  const secrets = z
    .object({
      DATABASE_URL: env.secretUrl(['postgresql']),
      CLICKHOUSE_PASSWORD: env.secret(0).describe('Password.'),
      SERVICE_CREDENTIAL: env.secret(32),
      KAFKA_SASL_PASSWORD: env.secret().optional(),
      HTTP_PORT: env.port(),
    })
    .superRefine(() => undefined);
  const strong = {
    DATABASE_URL: 'postgresql://tributary:9f2c41d7e0b84a6a@postgres:5432/tributary',
    CLICKHOUSE_PASSWORD: 'c7e1f09a3b5d2e84',
    SERVICE_CREDENTIAL: '5e0c8b7a1f2d4e6c9a3b8d7f0e1c2a4b',
    HTTP_PORT: '3000',
  };
  const weak = {
    DATABASE_URL: 'postgresql://tributary@postgres:5432/tributary',
    CLICKHOUSE_PASSWORD: '',
    SERVICE_CREDENTIAL: 'a'.repeat(32),
    KAFKA_SASL_PASSWORD: 'kafka',
    HTTP_PORT: '3000',
  };
  const problems = (environment: Record<string, string | undefined>) => {
    try {
      loadConfig(secrets, environment);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };
  const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('knows which variables are secrets, through optional and refinements', () => {
    expect([...secretsOf(secrets)]).toEqual([
      ['DATABASE_URL', 'url'],
      ['CLICKHOUSE_PASSWORD', 'value'],
      ['SERVICE_CREDENTIAL', 'value'],
      ['KAFKA_SASL_PASSWORD', 'value'],
    ]);
  });

  it('takes weak secrets in development, refuses them with NODE_ENV=production, naming each', () => {
    expect(problems(weak)).toEqual([]);
    expect(problems({ ...weak, NODE_ENV: 'development' })).toEqual([]);
    expect(problems({ ...weak, NODE_ENV: 'production' })).toEqual([
      'DATABASE_URL: must carry a password (scheme://user:password@host…) (NODE_ENV=production)',
      'CLICKHOUSE_PASSWORD: is too weak: it must be at least 16 characters (NODE_ENV=production)',
      'SERVICE_CREDENTIAL: is too weak: it must use at least 8 different characters (NODE_ENV=production)',
      'KAFKA_SASL_PASSWORD: is too weak: it must be at least 16 characters (NODE_ENV=production)',
    ]);
    expect(
      problems({
        ...strong,
        DATABASE_URL: 'postgresql://tributary:tributary@postgres:5432/tributary',
        NODE_ENV: 'production',
      }),
    ).toEqual([
      'DATABASE_URL: is too weak: its password must be at least 16 characters (NODE_ENV=production)',
    ]);
    expect(problems({ ...strong, NODE_ENV: 'production' })).toEqual([]);
  });

  it('refuses a missing secret with NODE_ENV=production as anywhere else', () => {
    const { SERVICE_CREDENTIAL: _omitted, ...rest } = strong;
    expect(problems({ ...rest, NODE_ENV: 'production' })).toEqual([
      'SERVICE_CREDENTIAL: is required',
    ]);
  });

  it('reads a secret from the file <NAME>_FILE names, never both', () => {
    const file = join(dir, 'clickhouse-password');
    writeFileSync(file, 'from-a-mounted-file-0427\n');
    const { CLICKHOUSE_PASSWORD: _omitted, ...rest } = strong;
    expect(
      loadConfig(secrets, { ...rest, CLICKHOUSE_PASSWORD_FILE: file, NODE_ENV: 'production' })
        .CLICKHOUSE_PASSWORD,
    ).toBe('from-a-mounted-file-0427');
    expect(problems({ ...strong, CLICKHOUSE_PASSWORD_FILE: file })).toEqual([
      'CLICKHOUSE_PASSWORD_FILE: set CLICKHOUSE_PASSWORD or CLICKHOUSE_PASSWORD_FILE, not both',
    ]);
    expect(problems({ ...rest, CLICKHOUSE_PASSWORD_FILE: join(dir, 'missing') })).toEqual([
      `CLICKHOUSE_PASSWORD_FILE: cannot be read: ENOENT: no such file or directory, open '${join(dir, 'missing')}'`,
      'CLICKHOUSE_PASSWORD: is required',
    ]);
    // The file's variable is not a secret's: an unrelated *_FILE is left alone.
    expect(problems({ ...strong, HTTP_PORT_FILE: file })).toEqual([]);
  });

  it('says so in the config table', () => {
    const row = configTable(secrets as never)
      .split('\n')
      .find((line) => line.startsWith('| `CLICKHOUSE_PASSWORD`'));
    expect(row).toBe(
      '| `CLICKHOUSE_PASSWORD` | **required** | Password. Secret: or read from the file `CLICKHOUSE_PASSWORD_FILE` names; with NODE_ENV=production at least 16 characters, 8 different. |',
    );
  });
});
