/**
 * What ClickHouse spends per row on an insert of the dataset projection's rows as RowBinary and
 * as JSONEachRow: the same 200k `ev_transactions` rows (built by the projection's own row
 * builder), into the same table of a database of the run's own, each format several times in
 * alternating order. Server CPU per insert from `system.query_log` (user + system time of the
 * query's threads, which 18.16 records) and, as a cross-check, from /proc of the server process
 * (merges stopped, so only the inserts count); the projector's own CPU per row beside it.
 *
 *   bash scripts/run-ts.sh scripts/bench/rowbinary-insert.ts [rows] [rounds]
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type ClickHouseClient } from '@clickhouse/client';
import { fixtureMetadata, VALID_EVENTS } from '@tributary/contracts';
import {
  clickHouseConfigSchema,
  createClickHouseDatabase,
  createLogger,
  dropClickHouseDatabase,
  loadConfig,
  rowBinaryEncoder,
} from '@tributary/platform';
import { ANALYTICS_MIGRATIONS, ANALYTICS_TABLE_COLUMNS } from '@tributary/read-models';
// The projection's own row builder, so the rows are the ones the projector inserts.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { DATASET_PROJECTIONS } from '../../services/analytics-projector/src/datasets/dataset-projections';

const ROWS = Number(process.argv[2] ?? 200_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const TABLE = 'ev_transactions';

const root = join(__dirname, '..', '..');
const config = loadConfig(clickHouseConfigSchema, process.env);
const logger = createLogger('bench', 'warn');

function serverCpuSeconds(): number {
  const pid = readFileSync(join(root, '.tributary', 'stack', 'run', 'clickhouse.pid'), 'utf8')
    .trim()
    .split(' ')[0];
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rows(): object[] {
  const base = VALID_EVENTS['ev.transactions'];
  const row = DATASET_PROJECTIONS['ev.transactions'].row;
  const start = Date.UTC(2026, 10, 1);
  return Array.from({ length: ROWS }, (_, i) =>
    row({
      ...base,
      metadata: fixtureMetadata(randomUUID(), {
        source: { kind: 'file', reference: 'bench-job', row_number: i + 1 },
      }),
      transaction_id: `tx-${i}`,
      charger_id: `ch-${i % 5_000}`,
      // One month (one partition), a row every 10 s; the cost varies like real decimals.
      start_time: new Date(start + i * 10_000),
      end_time: new Date(start + i * 10_000 + 1_800_000),
      energy_kwh: (i % 9_000) / 100,
      cost: `${i % 500}.${String(i % 10_000).padStart(4, '0')}`,
    }),
  );
}

/** The stack's server logs no queries by default; these two are logged. */
const LOGGED = { log_queries: 1 } as const;

interface Measured {
  format: string;
  queryId: string;
  procCpuS: number;
  nodeCpuUs: number;
}

async function insertJson(client: ClickHouseClient, values: object[]): Promise<string> {
  const queryId = randomUUID();
  await client.insert({
    table: TABLE,
    format: 'JSONEachRow',
    values,
    query_id: queryId,
    clickhouse_settings: LOGGED,
  });
  return queryId;
}

async function insertRowBinary(client: ClickHouseClient, values: object[]): Promise<string> {
  const queryId = randomUUID();
  const encoder = rowBinaryEncoder(TABLE, ANALYTICS_TABLE_COLUMNS[TABLE]);
  const body = encoder.encode(values);
  const result = await client.exec({
    query: encoder.statement,
    values: Readable.from([body], { objectMode: false }),
    query_id: queryId,
    clickhouse_settings: LOGGED,
  });
  result.stream.resume();
  await new Promise((resolve) => result.stream.on('end', resolve));
  return queryId;
}

async function main(): Promise<void> {
  const database = `bench_rowbinary_${Date.now()}`;
  const client = await createClickHouseDatabase(config, logger, database, [
    ANALYTICS_MIGRATIONS.datasets,
  ]);
  try {
    await client.command({ query: `SYSTEM STOP MERGES ${TABLE}` });
    const values = rows();
    const jsonBytes = values.reduce<number>((n, v) => n + JSON.stringify(v).length + 1, 0);
    const binaryBytes = rowBinaryEncoder(TABLE, ANALYTICS_TABLE_COLUMNS[TABLE]).encode(
      values,
    ).length;
    const measured: Measured[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ['RowBinary', 'JSONEachRow'] : ['JSONEachRow', 'RowBinary'];
      for (const format of order) {
        await client.command({ query: `TRUNCATE TABLE ${TABLE}` });
        const cpu0 = serverCpuSeconds();
        const node0 = process.cpuUsage();
        const queryId =
          format === 'RowBinary'
            ? await insertRowBinary(client, values)
            : await insertJson(client, values);
        const node = process.cpuUsage(node0);
        measured.push({
          format,
          queryId,
          procCpuS: serverCpuSeconds() - cpu0,
          nodeCpuUs: node.user + node.system,
        });
      }
    }
    const count = await client.query({
      query: `SELECT count() AS n FROM ${TABLE}`,
      format: 'JSONEachRow',
    });
    const n = (await count.json<{ n: string }>())[0]?.n;
    if (Number(n) !== ROWS) throw new Error(`expected ${ROWS} rows in the table, found ${n}`);

    await client.command({ query: 'SYSTEM FLUSH LOGS' });
    const ids = measured.map((m) => `'${m.queryId}'`).join(', ');
    const log = await client.query({
      query: `SELECT query_id, query_duration_ms AS ms, written_rows AS rows,
                arraySum(arrayMap((n, v) -> n IN ('UserTimeMicroseconds', 'SystemTimeMicroseconds') ? v : 0,
                  ProfileEvents.Names, ProfileEvents.Values)) AS cpu_us
              FROM system.query_log WHERE type = 2 AND query_id IN (${ids})`,
      format: 'JSONEachRow',
    });
    const byId = new Map(
      (await log.json<{ query_id: string; ms: string; rows: string; cpu_us: string }>()).map(
        (r) => [r.query_id, r],
      ),
    );
    const perRow = (us: number) => (us / ROWS).toFixed(2);
    process.stdout.write(
      `${ROWS} ${TABLE} rows per insert; JSONEachRow ${(jsonBytes / ROWS).toFixed(0)} B/row, RowBinary ${(binaryBytes / ROWS).toFixed(0)} B/row\n` +
        'format       server µs/row (query_log)  server µs/row (/proc)  duration ms  projector µs/row\n',
    );
    for (const m of measured) {
      const q = byId.get(m.queryId);
      if (!q || Number(q.rows) !== ROWS)
        throw new Error(`query_log has no full row for ${m.queryId}`);
      process.stdout.write(
        `${m.format.padEnd(12)} ${perRow(Number(q.cpu_us)).padStart(25)}  ${perRow(m.procCpuS * 1e6).padStart(21)}  ${q.ms.padStart(11)}  ${perRow(m.nodeCpuUs).padStart(16)}\n`,
      );
    }
  } finally {
    await client.close();
    await dropClickHouseDatabase(config, logger, database);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
  process.exitCode = 1;
});
