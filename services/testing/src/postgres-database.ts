import { Client } from 'pg';

/**
 * A Postgres database of its own beside the stack's, for a test suite or a benchmark, so it never
 * sees another's rows. `serverUrl` is any database URL on the server (the stack's DATABASE_URL);
 * CREATE and DROP DATABASE run on a connection of their own, since neither may run inside a
 * transaction or on the database they name.
 */
export function postgresDatabaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates the empty database `database`; returns its URL. */
export async function createPostgresDatabase(serverUrl: string, database: string): Promise<string> {
  await onServer(serverUrl, `CREATE DATABASE "${database}"`);
  return postgresDatabaseUrl(serverUrl, database);
}

/** Drops `database`, forcing out connections still open to it. */
export async function dropPostgresDatabase(serverUrl: string, database: string): Promise<void> {
  await onServer(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}
