import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';
import { type PostgresConfig } from './postgres.config';

type EntityTarget = (new (...args: never[]) => unknown) | EntitySchema;
type MigrationClass = new () => MigrationInterface;

export interface DataSourceOptions {
  entities: readonly EntityTarget[];
  migrations: readonly MigrationClass[];
  /**
   * Postgres schema the service owns: its migrations table lives there, and it is first on the
   * search path, so migrations create unqualified tables in it.
   */
  schema?: string;
  /** Pool size per process. */
  poolSize?: number;
  /**
   * A query not answered within this many ms fails (node-postgres's `query_timeout`), so a
   * request never hangs on a server that stopped answering; unset: no limit (long batch work).
   */
  queryTimeoutMs?: number;
}

/**
 * A connection not made within this fails (`isPostgresUnavailable`): without it, a server that
 * accepts no packets (down host, partition) leaves the caller waiting on the OS's TCP timeout.
 */
const CONNECTION_TIMEOUT_MS = 5_000;

/**
 * A TypeORM DataSource that never alters tables by itself: `synchronize` drops columns by design,
 * so the schema changes only through migrations, run once by `runMigrations`.
 */
export function createDataSource(config: PostgresConfig, options: DataSourceOptions): DataSource {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new Error(`schema ${JSON.stringify(options.schema)} must be a lower-case SQL identifier`);
  }
  return new DataSource({
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: options.schema,
    entities: [...options.entities],
    migrations: [...options.migrations],
    migrationsTableName: 'typeorm_migrations',
    migrationsRun: false,
    synchronize: false,
    poolSize: options.poolSize ?? 10,
    logging: false,
    extra: {
      connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
      ...(options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs } : {}),
      // Unqualified names in migrations and queries resolve to the service's own schema first.
      ...(options.schema ? { options: `-c search_path=${options.schema},public` } : {}),
    },
  });
}
