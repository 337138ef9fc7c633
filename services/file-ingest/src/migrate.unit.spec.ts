import { configProblems, loadConfig, serviceCommand } from '@tributary/platform';
import { fileIngestConfigSchema } from './config/file-ingest.config';
import { fileIngestMigrateCommand, fileIngestMigrateConfigSchema } from './migrate';

const SERVICE_ENV = {
  DATABASE_URL: 'postgresql://u:p@db:5432/tributary',
  KAFKA_BROKERS: 'kafka:9092',
  SCHEMA_REGISTRY_URL: 'http://registry:8081',
  HTTP_PORT: '3401',
  FILE_INGEST_GROUP_ID: 'file-ingest',
  LANDING_DIR: '/tmp/landing',
};

describe('file-ingest migrate', () => {
  it('runs on `node . migrate`, serves on `node .`', () => {
    expect(serviceCommand(['node', '/app', 'migrate'])).toBe('migrate');
    expect(serviceCommand(['node', '/app'])).toBe('serve');
    expect(fileIngestMigrateCommand.service).toBe('file-ingest');
  });

  it('needs only what migrating needs', () => {
    expect(
      configProblems(fileIngestMigrateConfigSchema, {
        DATABASE_URL: 'postgresql://u:p@db:5432/tributary',
      }),
    ).toEqual([]);
    // The service's own config would refuse the same environment.
    expect(
      configProblems(fileIngestConfigSchema, { DATABASE_URL: 'postgresql://u:p@db:5432/tributary' })
        .length,
    ).toBeGreaterThan(0);
  });

  it('names a missing variable', () => {
    expect(configProblems(fileIngestMigrateConfigSchema, {})).toEqual(
      expect.arrayContaining(['DATABASE_URL: is required']),
    );
  });

  it('lets a Job own the migrations: MIGRATIONS=skip, on-start by default', () => {
    expect(loadConfig(fileIngestConfigSchema, SERVICE_ENV).MIGRATIONS).toBe('on-start');
    expect(
      loadConfig(fileIngestConfigSchema, { ...SERVICE_ENV, MIGRATIONS: 'skip' }).MIGRATIONS,
    ).toBe('skip');
    expect(configProblems(fileIngestConfigSchema, { ...SERVICE_ENV, MIGRATIONS: 'later' })).toEqual(
      ['MIGRATIONS: must be on-start or skip'],
    );
  });
});
