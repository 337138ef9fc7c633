import { type DataSource, type Migration } from 'typeorm';

/**
 * Runs pending migrations once even when several replicas boot together: the first to take the
 * advisory lock migrates, the others wait for it and then find nothing to do. The lock is
 * session-scoped, so it is released even if this process dies mid-migration.
 */
export async function runMigrations(
  dataSource: DataSource,
  lockName: string,
): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [lockName]);
    try {
      if (dataSource.driver.options.type === 'postgres' && dataSource.driver.schema) {
        await runner.query(`CREATE SCHEMA IF NOT EXISTS "${dataSource.driver.schema}"`);
      }
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [lockName]);
    }
  } finally {
    await runner.release();
  }
}
