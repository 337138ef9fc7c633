import { Writable } from 'node:stream';
import { z } from 'zod';
import { createLogger } from '../logging/logger';
import { loggingConfigSchema } from '../logging/logger';
import { postgresConfigSchema } from '../postgres/postgres.config';
import { loadConfig } from './config';
import {
  migrationsConfigSchema,
  runMigrateCommand,
  serviceCommand,
  UsageError,
  type AppliedMigrations,
} from './migrate-command';

const schema = postgresConfigSchema.extend(loggingConfigSchema.shape);

function harness(migrate: () => Promise<AppliedMigrations>) {
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const run = (env: Record<string, string>) =>
    runMigrateCommand(
      { service: 'svc', schema, migrate },
      {
        env,
        stderr: { write: (text: string) => (stderr += text) },
        logger: (level) => createLogger('svc', level, stream),
      },
    );
  return { lines, run, stderr: () => stderr };
}

describe('serviceCommand', () => {
  it('serves without arguments and migrates with `migrate`', () => {
    expect(serviceCommand(['node', '.'])).toBe('serve');
    expect(serviceCommand(['node', '.', 'migrate'])).toBe('migrate');
  });

  it('refuses any other argument, saying what the entry point accepts', () => {
    expect(() => serviceCommand(['node', '.', 'migrations'])).toThrow(UsageError);
    expect(() => serviceCommand(['node', '.', 'migrate', '--dry-run'])).toThrow(
      /unknown arguments \["migrate","--dry-run"\]: run `node \.` to serve, `node \. migrate`/,
    );
  });
});

describe('MIGRATIONS', () => {
  const flag = z.object(migrationsConfigSchema.shape);
  it('defaults to on-start, so local runs and tests migrate as they boot', () => {
    expect(loadConfig(flag, {})).toEqual({ MIGRATIONS: 'on-start' });
    expect(loadConfig(flag, { MIGRATIONS: 'skip' })).toEqual({ MIGRATIONS: 'skip' });
  });

  it('names the variable when the value is unknown', () => {
    expect(() => loadConfig(flag, { MIGRATIONS: 'never' })).toThrow(
      'MIGRATIONS: must be on-start or skip',
    );
  });
});

describe('runMigrateCommand', () => {
  it('migrates with only the config it needs and logs what it applied as one JSON line', async () => {
    const migrate = jest.fn(async () => ({ postgres: ['CreateA1', 'CreateB2'] }));
    const { lines, run } = harness(migrate);
    await expect(run({ DATABASE_URL: 'postgresql://u:p@db:5432/t' })).resolves.toBe(0);
    expect(migrate).toHaveBeenCalledWith(
      { DATABASE_URL: 'postgresql://u:p@db:5432/t', LOG_LEVEL: 'info' },
      expect.anything(),
    );
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        service: 'svc',
        command: 'migrate',
        applied: { postgres: ['CreateA1', 'CreateB2'] },
        msg: 'migrations: 2 applied',
      }),
    ]);
  });

  it('says when there was nothing to apply', async () => {
    const { lines, run } = harness(async () => ({ postgres: [] }));
    await expect(run({ DATABASE_URL: 'postgresql://u:p@db:5432/t' })).resolves.toBe(0);
    expect(lines[0]).toMatchObject({ msg: 'migrations: nothing to apply' });
  });

  it('fails with status 1 naming every bad variable, before connecting to anything', async () => {
    const migrate = jest.fn(async () => ({}));
    const { run, stderr } = harness(migrate);
    await expect(run({ LOG_LEVEL: 'loud' })).resolves.toBe(1);
    expect(migrate).not.toHaveBeenCalled();
    expect(stderr()).toMatch(
      /^svc migrate: Invalid configuration:\n {2}- DATABASE_URL: is required\n/,
    );
    expect(stderr()).toMatch(/- LOG_LEVEL: /);
  });

  it('fails with status 1 and logs the reason when a migration fails', async () => {
    const { lines, run } = harness(async () => {
      throw new Error('relation "accounts" already exists');
    });
    await expect(run({ DATABASE_URL: 'postgresql://u:p@db:5432/t' })).resolves.toBe(1);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'migrations failed: relation "accounts" already exists',
        err: expect.objectContaining({ message: 'relation "accounts" already exists' }),
      }),
    ]);
  });
});
