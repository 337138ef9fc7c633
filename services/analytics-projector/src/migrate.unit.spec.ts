import { ConfigError, loadConfig, serviceCommand } from '@tributary/platform';
import { projectorConfigSchema } from './config/projector.config';
import { projectorMigrateCommand, projectorMigrateConfigSchema } from './migrate';

function problemsOf(schema: Parameters<typeof loadConfig>[0], env: Record<string, string>) {
  try {
    loadConfig(schema, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('analytics-projector migrate', () => {
  it('runs on `node . migrate`, serves on `node .`', () => {
    expect(serviceCommand(['node', '/app', 'migrate'])).toBe('migrate');
    expect(serviceCommand(['node', '/app'])).toBe('serve');
    expect(projectorMigrateCommand.service).toBe('analytics-projector');
  });

  it('needs only what migrating needs', () => {
    expect(
      problemsOf(projectorMigrateConfigSchema, {
        CLICKHOUSE_URL: 'http://ch:8123',
        CLICKHOUSE_USER: 'u',
        CLICKHOUSE_PASSWORD: 'p',
        CLICKHOUSE_DATABASE: 'tributary',
      }),
    ).toEqual([]);
    // The service's own config would refuse the same environment.
    expect(
      problemsOf(projectorConfigSchema, {
        CLICKHOUSE_URL: 'http://ch:8123',
        CLICKHOUSE_USER: 'u',
        CLICKHOUSE_PASSWORD: 'p',
        CLICKHOUSE_DATABASE: 'tributary',
      }).length,
    ).toBeGreaterThan(0);
  });

  it('names a missing variable', () => {
    expect(problemsOf(projectorMigrateConfigSchema, {})).toEqual(
      expect.arrayContaining(['CLICKHOUSE_URL: is required', 'CLICKHOUSE_PASSWORD: is required']),
    );
  });

  it('lets a Job own the migrations: MIGRATIONS=skip, on-start by default', () => {
    expect(
      loadConfig(projectorConfigSchema, {
        CLICKHOUSE_URL: 'http://ch:8123',
        CLICKHOUSE_USER: 'u',
        CLICKHOUSE_PASSWORD: 'p',
        CLICKHOUSE_DATABASE: 'tributary',
        KAFKA_BROKERS: 'kafka:9092',
        SCHEMA_REGISTRY_URL: 'http://registry:8081',
        HTTP_PORT: '3201',
        PROJECTOR_GROUP_ID: 'analytics-projector',
      }).MIGRATIONS,
    ).toBe('on-start');
    expect(
      loadConfig(projectorConfigSchema, {
        ...{
          CLICKHOUSE_URL: 'http://ch:8123',
          CLICKHOUSE_USER: 'u',
          CLICKHOUSE_PASSWORD: 'p',
          CLICKHOUSE_DATABASE: 'tributary',
          KAFKA_BROKERS: 'kafka:9092',
          SCHEMA_REGISTRY_URL: 'http://registry:8081',
          HTTP_PORT: '3201',
          PROJECTOR_GROUP_ID: 'analytics-projector',
        },
        MIGRATIONS: 'skip',
      }).MIGRATIONS,
    ).toBe('skip');
    expect(
      problemsOf(projectorConfigSchema, {
        ...{
          CLICKHOUSE_URL: 'http://ch:8123',
          CLICKHOUSE_USER: 'u',
          CLICKHOUSE_PASSWORD: 'p',
          CLICKHOUSE_DATABASE: 'tributary',
          KAFKA_BROKERS: 'kafka:9092',
          SCHEMA_REGISTRY_URL: 'http://registry:8081',
          HTTP_PORT: '3201',
          PROJECTOR_GROUP_ID: 'analytics-projector',
        },
        MIGRATIONS: 'later',
      }),
    ).toEqual(['MIGRATIONS: must be on-start or skip']);
  });
});
