import { configProblems, loadConfig, serviceCommand } from '@tributary/platform';
import { projectorConfigSchema } from './config/projector.config';
import { projectorMigrateCommand, projectorMigrateConfigSchema } from './migrate';

const SERVICE_ENV = {
  CLICKHOUSE_URL: 'http://ch:8123',
  CLICKHOUSE_USER: 'u',
  CLICKHOUSE_PASSWORD: 'p',
  CLICKHOUSE_DATABASE: 'tributary',
  KAFKA_BROKERS: 'kafka:9092',
  SCHEMA_REGISTRY_URL: 'http://registry:8081',
  HTTP_PORT: '3201',
  PROJECTOR_GROUP_ID: 'analytics-projector',
};

describe('analytics-projector migrate', () => {
  it('runs on `node . migrate`, serves on `node .`', () => {
    expect(serviceCommand(['node', '/app', 'migrate'])).toBe('migrate');
    expect(serviceCommand(['node', '/app'])).toBe('serve');
    expect(projectorMigrateCommand.service).toBe('analytics-projector');
  });

  it('needs only what migrating needs', () => {
    expect(
      configProblems(projectorMigrateConfigSchema, {
        CLICKHOUSE_URL: 'http://ch:8123',
        CLICKHOUSE_USER: 'u',
        CLICKHOUSE_PASSWORD: 'p',
        CLICKHOUSE_DATABASE: 'tributary',
      }),
    ).toEqual([]);
    // The service's own config would refuse the same environment.
    expect(
      configProblems(projectorConfigSchema, {
        CLICKHOUSE_URL: 'http://ch:8123',
        CLICKHOUSE_USER: 'u',
        CLICKHOUSE_PASSWORD: 'p',
        CLICKHOUSE_DATABASE: 'tributary',
      }).length,
    ).toBeGreaterThan(0);
  });

  it('names a missing variable', () => {
    expect(configProblems(projectorMigrateConfigSchema, {})).toEqual(
      expect.arrayContaining(['CLICKHOUSE_URL: is required', 'CLICKHOUSE_PASSWORD: is required']),
    );
  });

  it('lets a Job own the migrations: MIGRATIONS=skip, on-start by default', () => {
    expect(loadConfig(projectorConfigSchema, SERVICE_ENV).MIGRATIONS).toBe('on-start');
    expect(
      loadConfig(projectorConfigSchema, { ...SERVICE_ENV, MIGRATIONS: 'skip' }).MIGRATIONS,
    ).toBe('skip');
    expect(configProblems(projectorConfigSchema, { ...SERVICE_ENV, MIGRATIONS: 'later' })).toEqual([
      'MIGRATIONS: must be on-start or skip',
    ]);
  });
});
