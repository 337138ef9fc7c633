import { ConfigError, loadConfig } from '@tributary/platform';
import { projectorConfigSchema } from './projector.config';

const valid = {
  KAFKA_BROKERS: '127.0.0.1:19092',
  SCHEMA_REGISTRY_URL: 'http://127.0.0.1:18081',
  CLICKHOUSE_URL: 'http://127.0.0.1:18123',
  CLICKHOUSE_USER: 'tributary',
  CLICKHOUSE_PASSWORD: 'secret-from-the-environment',
  CLICKHOUSE_DATABASE: 'tributary',
  HTTP_PORT: '9464',
  PROJECTOR_GROUP_ID: 'analytics-projector',
};

describe('projector config', () => {
  it('reads a complete environment, with the documented defaults', () => {
    const config = loadConfig(projectorConfigSchema, valid);
    expect(config).toMatchObject({
      KAFKA_BROKERS: ['127.0.0.1:19092'],
      HTTP_PORT: 9464,
      LOG_LEVEL: 'info',
      PROJECTOR_MAX_CHUNK: 50_000,
      PROJECTOR_FLUSH_INTERVAL_MS: 1_000,
      PROJECTOR_ROLLUP_INTERVAL_MS: 1_000,
    });
  });

  it('refuses to boot naming each missing or bad variable', () => {
    const { PROJECTOR_GROUP_ID: _g, ...rest } = valid;
    let error: unknown;
    try {
      loadConfig(projectorConfigSchema, {
        ...rest,
        PROJECTOR_MAX_CHUNK: '0',
        CLICKHOUSE_URL: 'clickhouse',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'CLICKHOUSE_URL: must be a URL starting with http:// or https://',
      'PROJECTOR_GROUP_ID: is required',
      'PROJECTOR_MAX_CHUNK: must be a positive whole number',
    ]);
  });
});
