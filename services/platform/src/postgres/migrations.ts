import { Client } from 'pg';
import { MigrationExecutor, type DataSource, type Migration } from 'typeorm';

/**
 * Runs pending migrations once even when several replicas boot together: the first to take the
 * advisory lock migrates, the others wait for it and then find nothing to do. The lock is held on
 * a connection of its own, outside the DataSource's pool (a pool of one would otherwise deadlock),
 * and is session-scoped, so it is released even if this process dies mid-migration.
 */
export async function runMigrations(
  dataSource: DataSource,
  lockName: string,
): Promise<Migration[]> {
  const options = dataSource.options as { url?: string; schema?: string };
  const lock = new Client({ connectionString: options.url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [lockName]);
    if (options.schema) await lock.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    // Ending the session releases the lock whether or not the migrations succeeded.
    await lock.end();
  }
}

/**
 * For `MIGRATIONS=skip` (a Job applies the migrations before the rollout): refuses to start, naming
 * what is pending, rather than failing later on a missing table. Reads only: the migrations table
 * may not exist yet, and then every migration is pending.
 */
export async function assertMigrated(dataSource: DataSource): Promise<void> {
  const pending = (await new MigrationExecutor(dataSource).getPendingMigrations()).map(
    (migration) => migration.name,
  );
  if (pending.length > 0)
    throw new Error(
      `MIGRATIONS=skip, but ${pending.length} migration(s) are not applied (postgres: ${pending.join(', ')}): run \`node . migrate\` first`,
    );
}
