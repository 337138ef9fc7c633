import { ConfigError, loadConfig, serviceCommand } from '@tributary/platform';
import { directoryProjectorConfigSchema } from './config/directory-projector.config';
import { directoryMigrateCommand, directoryMigrateConfigSchema } from './migrate';

function problemsOf(schema: Parameters<typeof loadConfig>[0], env: Record<string, string>) {
  try {
    loadConfig(schema, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('directory-projector migrate', () => {
  it('runs on `node . migrate`, serves on `node .`', () => {
    expect(serviceCommand(['node', '/app', 'migrate'])).toBe('migrate');
    expect(serviceCommand(['node', '/app'])).toBe('serve');
    expect(directoryMigrateCommand.service).toBe('directory-projector');
  });

  it('needs only what migrating needs', () => {
    expect(
      problemsOf(directoryMigrateConfigSchema, {
        DATABASE_URL: 'postgresql://u:p@db:5432/tributary',
      }),
    ).toEqual([]);
    // The service's own config would refuse the same environment.
    expect(
      problemsOf(directoryProjectorConfigSchema, {
        DATABASE_URL: 'postgresql://u:p@db:5432/tributary',
      }).length,
    ).toBeGreaterThan(0);
  });

  it('names a missing variable', () => {
    expect(problemsOf(directoryMigrateConfigSchema, {})).toEqual(
      expect.arrayContaining(['DATABASE_URL: is required']),
    );
  });

  it('lets a Job own the migrations: MIGRATIONS=skip, on-start by default', () => {
    expect(
      loadConfig(directoryProjectorConfigSchema, {
        DATABASE_URL: 'postgresql://u:p@db:5432/tributary',
        KAFKA_BROKERS: 'kafka:9092',
        SCHEMA_REGISTRY_URL: 'http://registry:8081',
        HTTP_PORT: '3501',
      }).MIGRATIONS,
    ).toBe('on-start');
    expect(
      loadConfig(directoryProjectorConfigSchema, {
        ...{
          DATABASE_URL: 'postgresql://u:p@db:5432/tributary',
          KAFKA_BROKERS: 'kafka:9092',
          SCHEMA_REGISTRY_URL: 'http://registry:8081',
          HTTP_PORT: '3501',
        },
        MIGRATIONS: 'skip',
      }).MIGRATIONS,
    ).toBe('skip');
    expect(
      problemsOf(directoryProjectorConfigSchema, {
        ...{
          DATABASE_URL: 'postgresql://u:p@db:5432/tributary',
          KAFKA_BROKERS: 'kafka:9092',
          SCHEMA_REGISTRY_URL: 'http://registry:8081',
          HTTP_PORT: '3501',
        },
        MIGRATIONS: 'later',
      }),
    ).toEqual(['MIGRATIONS: must be on-start or skip']);
  });
});
