import { createDataSource, postgresConfigSchema, runMigrations } from '@tributary/platform';
import {
  createPostgresDatabase,
  dropPostgresDatabase,
  stackConfig,
  uniqueName,
} from '@tributary/testing';
import { type DataSource } from 'typeorm';
import { DIRECTORY_MIGRATIONS, DIRECTORY_SCHEMA } from './index';
import { INGEST_JOB_COLUMNS } from './ingest-jobs';

describe('directory.ingest_jobs as its migrations make it', () => {
  const stack = stackConfig(postgresConfigSchema);
  const database = uniqueName('read_models');
  let db: DataSource;

  beforeAll(async () => {
    const url = await createPostgresDatabase(stack.DATABASE_URL, database);
    db = createDataSource(
      { DATABASE_URL: url },
      { entities: [], migrations: DIRECTORY_MIGRATIONS, schema: DIRECTORY_SCHEMA },
    );
    await db.initialize();
    await runMigrations(db, `read-models-spec:${database}`);
  });

  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
    await dropPostgresDatabase(stack.DATABASE_URL, database);
  });

  it('has exactly the columns the writer and the reader use, with their types, in order', async () => {
    const columns = (await db.query(
      `SELECT column_name, udt_name FROM information_schema.columns
       WHERE table_schema = $1 AND table_name = 'ingest_jobs' ORDER BY ordinal_position`,
      [DIRECTORY_SCHEMA],
    )) as { column_name: string; udt_name: string }[];
    expect(columns.map((c) => [c.column_name, c.udt_name])).toEqual(INGEST_JOB_COLUMNS);
  });
});
