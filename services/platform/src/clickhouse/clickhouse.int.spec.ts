import { type ClickHouseClient } from '@clickhouse/client';
import { createLogger } from '../logging/logger';
import { stackConfig, uniqueName } from '@tributary/testing';
import { clickHouseConfigSchema } from './clickhouse.config';
import { createClickHouse } from './clickhouse-client.factory';
import {
  clickHouseErrorCode,
  isClickHouseResultTooLarge,
  isClickHouseUnavailable,
} from './clickhouse-errors';
import { date, dateTime, float, int, sql, str, table } from './sql';

const config = stackConfig(clickHouseConfigSchema);
const logger = createLogger('platform-test', 'warn');

describe('ClickHouse through @clickhouse/client', () => {
  const database = uniqueName('platform_test');
  let client: ClickHouseClient;

  beforeAll(async () => {
    const admin = createClickHouse(config, logger, 'default');
    await admin.command({ query: `CREATE DATABASE ${table(database).text}` });
    await admin.close();
    client = createClickHouse(config, logger, database);
  });

  afterAll(async () => {
    await client.command({ query: `DROP DATABASE IF EXISTS ${table(database).text}` });
    await client.close();
  });

  it('has the server cancel a read that runs past its limit, as an outage the caller can name', async () => {
    const limited = createClickHouse(config, logger, database, { maxExecutionTimeS: 1 });
    try {
      const started = Date.now();
      const failure = await limited
        .query({ query: 'SELECT count() FROM numbers(100000000000)', format: 'JSONEachRow' })
        .then((result) => result.json())
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect({
        code: clickHouseErrorCode(failure),
        unavailable: isClickHouseUnavailable(failure),
        // Cancelled by the server near its limit, not by the client's longer timeout.
        beforeClientTimeout: Date.now() - started < 6_000,
      }).toEqual({ code: '159', unavailable: true, beforeClientTimeout: true });
    } finally {
      await limited.close();
    }
  });

  it('inserts JSONEachRow with ISO timestamps and reads them back', async () => {
    await client.command({
      query: `CREATE TABLE readings (sensor_id String, ts DateTime('UTC'), temperature Float64)
              ENGINE = MergeTree ORDER BY (sensor_id, ts)`,
    });
    await client.insert({
      table: 'readings',
      format: 'JSONEachRow',
      values: [
        { sensor_id: 's-1', ts: '2026-11-22T10:00:00Z', temperature: 20.5 },
        { sensor_id: 's-1', ts: '2026-11-22T11:00:00Z', temperature: 22.5 },
        { sensor_id: 's-2', ts: '2026-11-22T10:30:00Z', temperature: -3 },
      ],
    });
    const result = await client.query({
      query:
        sql`SELECT sensor_id, count() AS n, avg(temperature) AS avg_t, toString(max(ts)) AS last
                 FROM readings WHERE ts >= ${dateTime(new Date('2026-11-22T10:00:00Z'))}
                 GROUP BY sensor_id ORDER BY sensor_id`.text,
      format: 'JSONEachRow',
    });
    // 18.16 returns UInt64 as a string in JSON; avg of 20.5 and 22.5 is 21.5.
    expect(await result.json()).toEqual([
      { sensor_id: 's-1', n: '2', avg_t: 21.5, last: '2026-11-22 11:00:00' },
      { sensor_id: 's-2', n: '1', avg_t: -3, last: '2026-11-22 10:30:00' },
    ]);
  });

  it('round-trips hostile strings and every literal type through the real parser', async () => {
    const hostile = [
      "O'Brien",
      'back\\slash',
      "\\'; DROP TABLE readings; --",
      'tab\tnew\nline\r',
      'nul\0byte\x07',
      'Zürich – 東京 🚗',
      'x'.repeat(10_000),
    ];
    for (const value of hostile) {
      const result = await client.query({
        query: sql`SELECT ${str(value)} AS v`.text,
        format: 'JSONEachRow',
      });
      expect(await result.json()).toEqual([{ v: value }]);
    }
    const typed = await client.query({
      query: sql`SELECT ${int(-42)} AS i, ${float(1e21)} AS f, toString(${date('2024-02-29')}) AS d,
                 toString(${dateTime(new Date('2026-01-02T03:04:05Z'))}) AS t`.text,
      format: 'JSONEachRow',
    });
    expect(await typed.json()).toEqual([
      { i: -42, f: 1e21, d: '2024-02-29', t: '2026-01-02 03:04:05' },
    ]);
  });
});

describe("the API's read-only ClickHouse user (CLICKHOUSE_API_USER)", () => {
  const api = stackConfig(
    clickHouseConfigSchema.extend({
      CLICKHOUSE_API_USER: clickHouseConfigSchema.shape.CLICKHOUSE_USER,
      CLICKHOUSE_API_PASSWORD: clickHouseConfigSchema.shape.CLICKHOUSE_PASSWORD,
    }),
  );
  let reader: ClickHouseClient;
  beforeAll(() => {
    reader = createClickHouse(
      {
        ...api,
        CLICKHOUSE_USER: api.CLICKHOUSE_API_USER,
        CLICKHOUSE_PASSWORD: api.CLICKHOUSE_API_PASSWORD,
      },
      logger,
      api.CLICKHOUSE_DATABASE,
      // As the gateway makes it: a reader's client.
      { maxExecutionTimeS: 30 },
    );
  });
  afterAll(() => reader.close());

  const failureOf = (query: string) =>
    reader
      .query({ query, format: 'JSONEachRow' })
      .then((result) => result.json())
      .then(
        () => undefined,
        (error: unknown) => error,
      );

  it('refuses an answer over its profile’s 1,000,000 rows, as a result too large to give', async () => {
    const failure = await failureOf('SELECT number FROM system.numbers LIMIT 1000001');
    expect({
      code: clickHouseErrorCode(failure),
      tooLarge: isClickHouseResultTooLarge(failure),
      unavailable: isClickHouseUnavailable(failure),
    }).toEqual({ code: '396', tooLarge: true, unavailable: false });
    // Exactly the limit is answered.
    const rows = await reader
      .query({
        query: 'SELECT count() AS n FROM (SELECT number FROM system.numbers LIMIT 1000000)',
        format: 'JSONEachRow',
      })
      .then((result) => result.json<{ n: string }>());
    expect(rows).toEqual([{ n: '1000000' }]);
  });

  it('cannot write or change the schema', async () => {
    const write = await reader
      .command({ query: 'CREATE TABLE api_user_was_here (x UInt8) ENGINE = Memory' })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    // READONLY (164): "Cannot execute query in readonly mode".
    expect(clickHouseErrorCode(write)).toBe('164');
  });
});
