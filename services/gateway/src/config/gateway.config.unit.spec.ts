import { newJwtPrivateKey } from '@tributary/testing';
import { ConfigError, loadConfig } from '@tributary/platform';
import { gatewayConfigSchema } from './gateway.config';
import { MINIMAL_GATEWAY_ENV } from './gateway.config.test-data';

const valid = MINIMAL_GATEWAY_ENV;

function problems(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(gatewayConfigSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('gateway config', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(gatewayConfigSchema, valid);
    expect(config).toMatchObject({
      RPC_TIMEOUT_MS: 15_000,
      ACCESS_TOKEN_TTL_S: 900,
      TRUSTED_PROXY_HOPS: 0,
      BODY_LIMIT_BYTES: 16_777_216,
      RATE_LIMITS: {
        auth: { limit: 20, windowMs: 60_000 },
        ingest: { limit: 200, windowMs: 1_000 },
        query: { limit: 100, windowMs: 1_000 },
        banking: { limit: 10, windowMs: 60_000 },
      },
      PRINCIPAL_RATE_LIMITS: {
        anonymous: { limit: 100, windowMs: 60_000 },
        account: { limit: 6_000, windowMs: 60_000 },
        ingest: { limit: 60_000, windowMs: 60_000 },
      },
    });
  });

  it('names each bad variable', () => {
    expect(
      problems({
        ...valid,
        RATE_LIMITS: 'query=1',
        PRINCIPAL_RATE_LIMITS: 'robot=1/1s',
        SENSOR_INGEST_ADDRESS: 'a:1,b:2',
      }),
    ).toEqual([
      'SENSOR_INGEST_ADDRESS: must be one host:port',
      'RATE_LIMITS: "query=1" is not <name>=<limit>/<window>, e.g. query=100/1s',
      'PRINCIPAL_RATE_LIMITS: "robot" is not a kind of principal (anonymous, account, ingest)',
    ]);
  });

  it('refuses a missing, unreadable, malformed or weak token key', () => {
    const { JWT_PRIVATE_KEY: _key, ...keyless } = valid;
    expect(problems(keyless)).toEqual([
      'JWT_PRIVATE_KEY: is required (or JWT_PRIVATE_KEY_FILE): the PEM of an RSA private key of 2048 bits or more, e.g. `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072`',
    ]);
    expect(problems({ ...keyless, JWT_PRIVATE_KEY: 'x'.repeat(64) })).toEqual([
      'JWT_PRIVATE_KEY: must be the PEM of a private key',
    ]);
    expect(problems({ ...keyless, JWT_PRIVATE_KEY: newJwtPrivateKey(1024) })).toEqual([
      'JWT_PRIVATE_KEY: must be an RSA key of at least 2048 bits',
    ]);
    expect(problems({ ...keyless, JWT_PRIVATE_KEY_FILE: '/nonexistent/jwt.pem' })).toEqual([
      "JWT_PRIVATE_KEY_FILE: cannot be read: ENOENT: no such file or directory, open '/nonexistent/jwt.pem'",
    ]);
    expect(problems({ ...valid, JWT_ROLLOVER_PUBLIC_KEYS: 'not a key' })).toEqual([
      'JWT_ROLLOVER_PUBLIC_KEYS: must hold one or more PEM public keys',
    ]);
  });

  it('refuses a weak bootstrap admin password', () => {
    expect(
      problems({
        ...valid,
        TRIBUTARY_ADMIN_EMAIL: 'root@example.com',
        TRIBUTARY_ADMIN_PASSWORD: 'a'.repeat(16),
      }),
    ).toEqual(['TRIBUTARY_ADMIN_PASSWORD: must use at least 5 different characters']);
    expect(
      problems({
        ...valid,
        TRIBUTARY_ADMIN_EMAIL: 'root@example.com',
        TRIBUTARY_ADMIN_PASSWORD: 'Password2026!',
      }),
    ).toEqual(['TRIBUTARY_ADMIN_PASSWORD: is one of the most common passwords; choose another']);
  });

  it('wants both admin variables or neither', () => {
    expect(problems({ ...valid, TRIBUTARY_ADMIN_EMAIL: 'root@example.com' })).toEqual([
      'TRIBUTARY_ADMIN_PASSWORD: is required when the other admin variable is set (set both or neither)',
    ]);
    expect(problems({ ...valid, TRIBUTARY_ADMIN_PASSWORD: 'long enough secret' })).toEqual([
      'TRIBUTARY_ADMIN_EMAIL: is required when the other admin variable is set (set both or neither)',
    ]);
  });
});
