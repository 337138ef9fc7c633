import { configProblems, loadConfig, serviceCommand } from '@tributary/platform';
import { directoryProjectorConfigSchema } from './config/directory-projector.config';
import { directoryMigrateCommand, directoryMigrateConfigSchema } from './migrate';

const SERVICE_ENV = {
  DATABASE_URL: 'postgresql://u:p@db:5432/tributary',
  KAFKA_BROKERS: 'kafka:9092',
  SCHEMA_REGISTRY_URL: 'http://registry:8081',
  HTTP_PORT: '3501',
};

describe('directory-projector migrate', () => {
  it('runs on `node . migrate`, serves on `node .`', () => {
    expect(serviceCommand(['node', '/app', 'migrate'])).toBe('migrate');
    expect(serviceCommand(['node', '/app'])).toBe('serve');
    expect(directoryMigrateCommand.service).toBe('directory-projector');
  });

  it('needs only what migrating needs', () => {
    expect(
      configProblems(directoryMigrateConfigSchema, {
        DATABASE_URL: 'postgresql://u:p@db:5432/tributary',
      }),
    ).toEqual([]);
    // The service's own config would refuse the same environment.
    expect(
      configProblems(directoryProjectorConfigSchema, {
        DATABASE_URL: 'postgresql://u:p@db:5432/tributary',
      }).length,
    ).toBeGreaterThan(0);
  });

  it('names a missing variable', () => {
    expect(configProblems(directoryMigrateConfigSchema, {})).toEqual(
      expect.arrayContaining(['DATABASE_URL: is required']),
    );
  });

  it('lets a Job own the migrations: MIGRATIONS=skip, on-start by default', () => {
    expect(loadConfig(directoryProjectorConfigSchema, SERVICE_ENV).MIGRATIONS).toBe('on-start');
    expect(
      loadConfig(directoryProjectorConfigSchema, { ...SERVICE_ENV, MIGRATIONS: 'skip' }).MIGRATIONS,
    ).toBe('skip');
    expect(
      configProblems(directoryProjectorConfigSchema, { ...SERVICE_ENV, MIGRATIONS: 'later' }),
    ).toEqual(['MIGRATIONS: must be on-start or skip']);
  });
});
