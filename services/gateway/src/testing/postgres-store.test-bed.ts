import { createDataSource, postgresConfigSchema, runMigrations } from '@tributary/platform';
import { DIRECTORY_MIGRATIONS, DIRECTORY_SCHEMA } from '@tributary/read-models';
import {
  createPostgresDatabase,
  dropPostgresDatabase,
  stackConfig,
  uniqueName,
} from '@tributary/testing';
import { type DataSource } from 'typeorm';

export interface DirectoryStoreDatabase {
  readonly database: string;
  /** Connected to the suite's database, whose schema `directory` the real migrations made. */
  db: DataSource;
}

/**
 * A Postgres database of the suite's own for a directory store's spec, created before and dropped
 * after the suite, so specs never see each other's rows. Its schema `directory` is made by the
 * directory's real migrations (`@tributary/read-models`, what directory-projector applies), so a
 * store reading a column the migrations renamed fails its spec. Call before the spec's own
 * `beforeAll`; `db` fills in `beforeAll`.
 */
export function directoryStoreDatabase(prefix: string): DirectoryStoreDatabase {
  const stack = stackConfig(postgresConfigSchema);
  const database = uniqueName(prefix);
  const bed = { database } as DirectoryStoreDatabase;

  beforeAll(async () => {
    const url = await createPostgresDatabase(stack.DATABASE_URL, database);
    bed.db = createDataSource(
      { DATABASE_URL: url },
      { entities: [], migrations: DIRECTORY_MIGRATIONS, schema: DIRECTORY_SCHEMA },
    );
    await bed.db.initialize();
    await runMigrations(bed.db, `gateway-store-spec:${database}`);
  });

  afterAll(async () => {
    if (bed.db?.isInitialized) await bed.db.destroy();
    await dropPostgresDatabase(stack.DATABASE_URL, database);
  });

  return bed;
}

/**
 * The provenance columns every directory entity row has (the event that wrote it): a spec's rows
 * get a fresh event id, now, and row 1, since the gateway reads none of them.
 */
export const PROVENANCE = 'event_id, updated_at, row_number';
export const PROVENANCE_VALUES = 'gen_random_uuid(), now(), 1';
