import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

/**
 * The subset of @clickhouse/client the project's ClickHouse code calls, answered by chDB: the
 * current ClickHouse engine (26.x) in-process. It runs the exact SQL text that code produces for
 * the 18.16 server, as the design's conformance check against current ClickHouse; it is never
 * what a service talks to.
 */
export interface ChdbClient {
  command(params: { query: string }): Promise<unknown>;
  insert(params: {
    table: string;
    values: readonly object[];
    format: 'JSONEachRow';
  }): Promise<unknown>;
  /** Only `INSERT INTO t (…) FORMAT RowBinary` with the rows as `values` (platform's insertRowBinary). */
  exec(params: { query: string; values: AsyncIterable<Uint8Array> }): Promise<{ stream: Readable }>;
  query(params: {
    query: string;
    format: 'JSONEachRow';
    clickhouse_settings?: Record<string, unknown>;
  }): Promise<{
    json<T>(): Promise<T[]>;
  }>;
  close(): Promise<void>;
}

const SETTING_NAME = /^[a-z0-9_]+$/;

function settingsClause(settings: Record<string, unknown> = {}): string {
  const entries = Object.entries(settings);
  if (entries.length === 0) return '';
  return ` SETTINGS ${entries
    .map(([name, value]) => {
      if (!SETTING_NAME.test(name) || typeof value !== 'number')
        throw new Error(`unsupported setting ${name}`);
      return `${name} = ${value}`;
    })
    .join(', ')}`;
}

/** Loaded on first use: chDB's engine is half a gigabyte, and most tests never need it. */
export async function chdbClient(): Promise<ChdbClient> {
  const { Session } = await import('chdb');
  const session = new Session();
  return {
    async command({ query }) {
      return session.query(query, 'CSV');
    },
    async insert({ table, values }) {
      if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(table)) throw new Error(`not a table name: ${table}`);
      const body = values.map((row) => JSON.stringify(row)).join('\n');
      return session.query(`INSERT INTO ${table} FORMAT JSONEachRow\n${body}`, 'CSV');
    },
    async exec({ query, values }) {
      // chDB takes a query as text, and its raw insert takes text formats only, so a binary body
      // reaches the engine as a file: `INSERT … FROM INFILE` reads it as the server reads a body.
      const insert = /^(INSERT INTO [`\w.]+ \([`\w, ]+\)) FORMAT RowBinary$/.exec(query);
      if (!insert) throw new Error(`chDB exec takes only a RowBinary insert: ${query}`);
      const chunks: Uint8Array[] = [];
      for await (const chunk of values) chunks.push(chunk);
      const folder = await mkdtemp(join(tmpdir(), 'chdb-insert-'));
      try {
        const file = join(folder, 'rows.bin');
        await writeFile(file, Buffer.concat(chunks));
        session.query(`${insert[1]} FROM INFILE '${file}' FORMAT RowBinary`, 'CSV');
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
      return { stream: Readable.from([]) };
    },
    async query({ query, clickhouse_settings }) {
      const text = session.query(`${query}${settingsClause(clickhouse_settings)}`, 'JSONEachRow');
      return {
        json: async <T>() =>
          text
            .split('\n')
            .filter((line) => line.trim().length > 0)
            .map((line) => JSON.parse(line) as T),
      };
    },
    async close() {
      session.cleanup();
    },
  };
}
