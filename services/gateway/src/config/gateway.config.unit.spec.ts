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
        JWT_SECRET: 'short',
        RATE_LIMITS: 'query=1',
        PRINCIPAL_RATE_LIMITS: 'robot=1/1s',
        SENSOR_INGEST_ADDRESS: 'a:1,b:2',
      }),
    ).toEqual([
      'SENSOR_INGEST_ADDRESS: must be one host:port',
      'JWT_SECRET: must be at least 32 characters',
      'RATE_LIMITS: "query=1" is not <name>=<limit>/<window>, e.g. query=100/1s',
      'PRINCIPAL_RATE_LIMITS: "robot" is not a kind of principal (anonymous, account, ingest)',
    ]);
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
