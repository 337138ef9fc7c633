import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';
import { type PostgresConfig } from './postgres.config';

type EntityTarget = (new (...args: never[]) => unknown) | EntitySchema;
type MigrationClass = new () => MigrationInterface;

export interface DataSourceOptions {
  entities: readonly EntityTarget[];
  migrations: readonly MigrationClass[];
  /** Postgres schema the service owns; its migrations table lives there too. */
  schema?: string;
  /** Pool size per process. */
  poolSize?: number;
}

/**
 * A TypeORM DataSource that never alters tables by itself: `synchronize` drops columns by design,
 * so the schema changes only through migrations, run once by `runMigrations`.
 */
export function createDataSource(config: PostgresConfig, options: DataSourceOptions): DataSource {
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
  });
}
