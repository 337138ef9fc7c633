import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ClickHouseClient } from '@clickhouse/client';
import { type Logger } from '../logging/logger';
import { clickHouseErrorCode } from './clickhouse-errors';
import { int, sql, str } from './sql';

export interface ClickHouseMigration {
  /** Sorts the migrations: the file name's leading number, e.g. `0001`. */
  readonly version: string;
  readonly name: string;
  readonly statements: readonly string[];
}

/**
 * Reads `NNNN_name.sql` files from a folder. Statements are separated by a `;` that ends a line;
 * each must be idempotent (`IF NOT EXISTS`; an `ALTER TABLE … ADD COLUMN`, which 18.16 cannot say
 * so of, is skipped when the column exists): ClickHouse has neither transactions nor locks, so
 * replicas booting together may both apply a migration, harmlessly.
 */
export function readClickHouseMigrations(folder: string): ClickHouseMigration[] {
  return readdirSync(folder)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: file.slice(0, 4),
      name: file.replace(/\.sql$/, ''),
      statements: readFileSync(join(folder, file), 'utf8')
        .split(/;\s*$/m)
        .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
        .filter((statement) => statement.length > 0),
    }));
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/**
 * Runs a statement, again after a dropped connection: a pooled socket the server closed as idle
 * (its keep-alive ran out while a busy machine delayed ours) fails with ECONNRESET or "socket hang
 * up" before the statement reaches the server. Every statement here may run twice: DDL is
 * `IF NOT EXISTS`, and `schema_migrations` keeps one row per version.
 */
export async function retryOnReset<T>(call: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      const reset = typeof code === 'string' && RESET_CODES.has(code);
      if (!reset || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/**
 * The names of `migrations` not recorded in `schema_migrations`, in order — all of them when the
 * table does not exist yet. Reads only: what a service started with `MIGRATIONS=skip` checks
 * before it runs, so that it refuses to start instead of failing later on a missing table.
 */
export async function pendingClickHouseMigrations(
  client: ClickHouseClient,
  migrations: readonly ClickHouseMigration[],
): Promise<string[]> {
  const rows = await retryOnReset(async () => {
    const exists = await client.query({
      query:
        "SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = 'schema_migrations'",
      format: 'JSONEachRow',
    });
    const [counted] = await exists.json<{ n: string | number }>();
    if (Number(counted?.n ?? 0) === 0) return [];
    const result = await client.query({
      query: 'SELECT version FROM schema_migrations FINAL',
      format: 'JSONEachRow',
    });
    return result.json<{ version: string }>();
  });
  const applied = new Set(rows.map((row) => row.version));
  return migrations
    .filter((migration) => !applied.has(migration.version))
    .map((migration) => migration.name);
}

/** ILLEGAL_COLUMN: 18.16's answer to adding a column the table has. */
const COLUMN_EXISTS = '44';

/**
 * Whether a failed statement had in fact already been applied: 18.16 has no `ADD COLUMN IF NOT
 * EXISTS`, so an `ALTER TABLE … ADD COLUMN` that another replica (or an interrupted run) applied
 * first fails with "already exists", which is what IF NOT EXISTS would have skipped.
 */
export const alreadyApplied = (statement: string, error: unknown): boolean =>
  /^ALTER\s+TABLE\s+\S+\s+ADD\s+COLUMN\s/i.test(statement) &&
  clickHouseErrorCode(error) === COLUMN_EXISTS &&
  error instanceof Error &&
  /already exists/.test(error.message);

/** Applies the migrations not yet recorded in `schema_migrations`, in order; returns their names. */
export async function runClickHouseMigrations(
  client: ClickHouseClient,
  migrations: readonly ClickHouseMigration[],
  logger: Logger,
): Promise<string[]> {
  const command = (query: string) => retryOnReset(() => client.command({ query }));
  await command(
    `CREATE TABLE IF NOT EXISTS schema_migrations
     (version String, name String, applied_at DateTime('UTC'))
     ENGINE = ReplacingMergeTree ORDER BY version`,
  );
  const rows = await retryOnReset(async () => {
    const result = await client.query({
      query: 'SELECT version FROM schema_migrations FINAL',
      format: 'JSONEachRow',
    });
    return result.json<{ version: string }>();
  });
  const applied = new Set(rows.map((row) => row.version));
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    for (const statement of migration.statements)
      await command(statement).catch((error: unknown) => {
        if (!alreadyApplied(statement, error)) throw error;
      });
    await command(
      sql`INSERT INTO schema_migrations VALUES (${str(migration.version)}, ${str(migration.name)}, toDateTime(${int(Math.floor(Date.now() / 1000))}, 'UTC'))`
        .text,
    );
    logger.info({ module: 'clickhouse-migrations', migration: migration.name }, 'applied');
    done.push(migration.name);
  }
  return done;
}
