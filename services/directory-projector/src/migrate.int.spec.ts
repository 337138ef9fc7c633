import { assertMigrated, loadConfig } from '@tributary/platform';
import { directoryProjectorConfigSchema } from './config/directory-projector.config';
import { createDirectoryProjector } from './main';
import { directoryDatabase } from './projection/directory.test-bed';
import { migrateDirectory } from './postgres/directory.data-source';

/**
 * MIGRATIONS=skip against the stack's Postgres, in a database of the suite's own: the service
 * refuses to start while `node . migrate` has not applied the directory's migrations, naming
 * them, and starts once it has.
 */
describe('directory-projector with MIGRATIONS=skip', () => {
  const bed = directoryDatabase('directory_skip', { migrate: false });

  it('refuses to start on an empty database, naming the pending migrations', async () => {
    const config = loadConfig(directoryProjectorConfigSchema, {
      ...process.env,
      DATABASE_URL: bed.config.DATABASE_URL,
      HTTP_PORT: '1',
      MIGRATIONS: 'skip',
      LOG_LEVEL: 'silent',
    });
    const failure = await createDirectoryProjector(config).then(
      async (app) => {
        await app.close();
        return undefined;
      },
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toContain('MIGRATIONS=skip');
    expect(message).toContain('CreateDirectory1764200000000');
    expect(message).toContain('EvUsersFirstNameIndex1764300000000');
    expect(message).toContain('NamePrefixIndexes1764400000000');
    expect(message).toContain('`node . migrate`');

    // It only read: no schema, no migrations table.
    const rows = await bed.db.query<{ schema: string | null }[]>(
      `SELECT to_regnamespace('directory')::text AS schema`,
    );
    expect(rows).toEqual([{ schema: null }]);
  });

  it('finds nothing pending once `node . migrate` has run', async () => {
    await migrateDirectory(bed.db);
    await expect(assertMigrated(bed.db)).resolves.toBeUndefined();
  });
});
