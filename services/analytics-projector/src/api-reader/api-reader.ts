import { type ClickHouseClient } from '@clickhouse/client';
import { ch, type Logger } from '@tributary/platform';

/**
 * The API's ClickHouse user: the gateway reads as it, never as the projections' user. It may
 * only read (`readonly` 2: no writes or DDL, while a query may still set its own
 * max_execution_time), only the projections' database, and one query's time, answer and memory
 * are capped above anything a route asks for (pages of at most 1,001 rows, reports of a few
 * thousand): a query that would pass them fails (the gateway answers 503), it is never cut.
 * The local stack's ClickHouse 18.16 has no SQL users; there the same profile is written in
 * deploy/clickhouse/users.xml (the deploy tests hold the two equal).
 */
export const API_READER_PROFILE = 'api_reader';
export const API_READER_SETTINGS = {
  readonly: 2,
  max_execution_time: 60,
  max_result_rows: 1_000_000,
  max_result_bytes: 1_000_000_000,
  result_overflow_mode: 'throw',
  max_memory_usage: 2_000_000_000,
} as const;

export interface ApiReader {
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

const setting = (name: string, value: string | number) =>
  ch.sql`${ch.raw(name)} = ${typeof value === 'number' ? ch.int(value) : ch.str(value)}`;

/** The statements that create or update the API's user, its profile and its grant, in order. */
export function apiReaderStatements(reader: ApiReader): string[] {
  const user = ch.table(reader.user);
  const profile = ch.table(API_READER_PROFILE);
  const settings = ch.join(
    Object.entries(API_READER_SETTINGS).map(([name, value]) => setting(name, value)),
  );
  const identified = ch.sql`IDENTIFIED WITH sha256_password BY ${ch.str(reader.password)}`;
  // Created if missing, then altered in place: a rerun during a rollout never drops the profile
  // or the grant from under a gateway reading meanwhile.
  return [
    ch.sql`CREATE SETTINGS PROFILE IF NOT EXISTS ${profile} SETTINGS ${settings}`,
    ch.sql`ALTER SETTINGS PROFILE ${profile} SETTINGS ${settings}`,
    ch.sql`CREATE USER IF NOT EXISTS ${user} ${identified} SETTINGS PROFILE ${profile}`,
    ch.sql`ALTER USER ${user} ${identified} SETTINGS PROFILE ${profile}`,
    ch.sql`GRANT SELECT ON ${ch.table(reader.database)}.* TO ${user}`,
  ].map((statement) => statement.text);
}

/**
 * Creates or updates the API's user, its settings profile and its grant (SELECT on the
 * database), idempotently: each run sets the password given, so rotating it is a rerun. Nothing
 * is revoked: the user is made with no other grant. On a server without SQL access control
 * (before 20.x, the local stack's 18.16) it does nothing and says so: users.xml defines the user
 * there.
 */
export async function ensureApiReader(
  clickhouse: ClickHouseClient,
  reader: ApiReader,
  logger: Logger,
): Promise<'created' | 'defined-in-users-xml'> {
  const probe = await clickhouse.query({
    query: "SELECT count() AS n FROM system.tables WHERE database = 'system' AND name = 'users'",
    format: 'JSONEachRow',
  });
  const [row] = await probe.json<{ n: string | number }>();
  if (Number(row?.n ?? 0) === 0) {
    logger.info(
      { user: reader.user },
      'this ClickHouse has no SQL users: the API user comes from its users.xml',
    );
    return 'defined-in-users-xml';
  }
  for (const statement of apiReaderStatements(reader))
    await clickhouse.command({ query: statement });
  logger.info(
    { user: reader.user, database: reader.database },
    'the API user reads only, with its limits',
  );
  return 'created';
}
