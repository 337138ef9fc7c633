import { configProblems, loadConfig, serviceCommand } from '@tributary/platform';
import { gatewayConfigSchema } from './config/gateway.config';
import { gatewayMigrateCommand, gatewayMigrateConfigSchema } from './migrate';
import { TEST_JWT_PRIVATE_KEY } from './testing/jwt-test-key';

const SERVICE_ENV = {
  DATABASE_URL: 'postgresql://u:p@db:5432/tributary',
  KAFKA_BROKERS: 'kafka:9092',
  SCHEMA_REGISTRY_URL: 'http://registry:8081',
  CLICKHOUSE_URL: 'http://ch:8123',
  CLICKHOUSE_USER: 'u',
  CLICKHOUSE_PASSWORD: 'p',
  CLICKHOUSE_DATABASE: 'tributary',
  REDIS_URL: 'redis://redis:6379',
  HTTP_PORT: '3000',
  SENSOR_INGEST_ADDRESS: 'sensor-ingest:3102',
  JWT_PRIVATE_KEY: TEST_JWT_PRIVATE_KEY,
  SERVICE_CREDENTIAL: 's'.repeat(32),
  LANDING_DIR: '/tmp/landing',
};

describe('gateway migrate', () => {
  it('runs on `node . migrate`, serves on `node .`', () => {
    expect(serviceCommand(['node', '/app', 'migrate'])).toBe('migrate');
    expect(serviceCommand(['node', '/app'])).toBe('serve');
    expect(gatewayMigrateCommand.service).toBe('gateway');
  });

  it('needs only what migrating needs', () => {
    expect(
      configProblems(gatewayMigrateConfigSchema, {
        DATABASE_URL: 'postgresql://u:p@db:5432/tributary',
      }),
    ).toEqual([]);
    // The service's own config would refuse the same environment.
    expect(
      configProblems(gatewayConfigSchema, { DATABASE_URL: 'postgresql://u:p@db:5432/tributary' })
        .length,
    ).toBeGreaterThan(0);
  });

  it('names a missing variable', () => {
    expect(configProblems(gatewayMigrateConfigSchema, {})).toEqual(
      expect.arrayContaining(['DATABASE_URL: is required']),
    );
  });

  it('lets a Job own the migrations: MIGRATIONS=skip, on-start by default', () => {
    expect(loadConfig(gatewayConfigSchema, SERVICE_ENV).MIGRATIONS).toBe('on-start');
    expect(loadConfig(gatewayConfigSchema, { ...SERVICE_ENV, MIGRATIONS: 'skip' }).MIGRATIONS).toBe(
      'skip',
    );
    expect(configProblems(gatewayConfigSchema, { ...SERVICE_ENV, MIGRATIONS: 'later' })).toEqual([
      'MIGRATIONS: must be on-start or skip',
    ]);
  });
});
