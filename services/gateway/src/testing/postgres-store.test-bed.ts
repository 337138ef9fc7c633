import { createDataSource, postgresConfigSchema } from '@tributary/platform';
import {
  createPostgresDatabase,
  dropPostgresDatabase,
  stackConfig,
  uniqueName,
} from '@tributary/testing';
import { type DataSource } from 'typeorm';

export interface DirectoryStoreDatabase {
  readonly database: string;
  /** Connected to the suite's database, which has an empty schema `directory`. */
  db: DataSource;
}

/**
 * A Postgres database of the suite's own for a directory store's spec, created before and dropped
 * after the suite, so specs never see each other's rows. It holds an empty schema `directory`: the
 * spec creates the tables it reads as directory-projector's migrations give them. Call before the
 * spec's own `beforeAll`; `db` fills in `beforeAll`.
 */
export function directoryStoreDatabase(prefix: string): DirectoryStoreDatabase {
  const stack = stackConfig(postgresConfigSchema);
  const database = uniqueName(prefix);
  const bed = { database } as DirectoryStoreDatabase;

  beforeAll(async () => {
    const url = await createPostgresDatabase(stack.DATABASE_URL, database);
    bed.db = createDataSource({ DATABASE_URL: url }, { entities: [], migrations: [] });
    await bed.db.initialize();
    await bed.db.query('CREATE SCHEMA directory');
  });

  afterAll(async () => {
    if (bed.db?.isInitialized) await bed.db.destroy();
    await dropPostgresDatabase(stack.DATABASE_URL, database);
  });

  return bed;
}
