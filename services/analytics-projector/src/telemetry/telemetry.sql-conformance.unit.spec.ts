import { ANALYTICS_MIGRATIONS } from '@tributary/read-models';
import { type ClickHouseClient } from '@clickhouse/client';
import {
  createLogger,
  readClickHouseMigrations,
  runClickHouseMigrations,
} from '@tributary/platform';
import { chdbClient, type ChdbClient } from '@tributary/testing';
import { readingRow, TouchedMinutes } from './reading.projection';
import { ClickHouseTelemetryStore } from './telemetry.clickhouse-store';
import {
  DAILY_QUERY,
  HOURLY_QUERY,
  NEW_MINUTES_QUERY,
  newMinutesScenario,
  READINGS_QUERY,
  telemetryScenario,
} from './telemetry.test-data';
import { TelemetryWriteBehind } from './telemetry.write-behind';

/**
 * Every statement the telemetry projection sends — its migrations, its inserts, its rollup
 * recomputation and the reads of its tables — run on the current ClickHouse engine (chDB 26.x),
 * and must give the answer the 18.16 server gives in telemetry.projection.int.spec.ts.
 */
describe('telemetry SQL on current ClickHouse (chDB)', () => {
  let chdb: ChdbClient;
  let client: ClickHouseClient;
  const logger = createLogger('conformance', 'warn');

  beforeAll(async () => {
    chdb = await chdbClient();
    await chdb.command({ query: 'CREATE DATABASE conformance' });
    await chdb.command({ query: 'USE conformance' });
    // The store and the migration runner take the @clickhouse/client type; chDB answers the
    // subset of it they call.
    client = chdb as unknown as ClickHouseClient;
  });

  afterAll(() => chdb.close());

  async function rows(query: string): Promise<unknown[]> {
    const result = await chdb.query({
      query,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return result.json();
  }

  it('runs the migrations, twice without effect', async () => {
    const migrations = readClickHouseMigrations(ANALYTICS_MIGRATIONS.telemetry);
    expect(await runClickHouseMigrations(client, migrations, logger)).toEqual([
      '0001_telemetry_readings',
      '0002_telemetry_minutes',
      '0003_telemetry_client_id',
    ]);
    expect(await runClickHouseMigrations(client, migrations, logger)).toEqual([]);
  });

  it('projects the scenario to the same readings and rollups as ClickHouse 18.16', async () => {
    const s = telemetryScenario('conformance-sensor');
    const store = new ClickHouseTelemetryStore(client);
    // Delivered twice and out of order: the correction first, then everything again.
    const batches = [[s.r2corrected], [s.r1, s.r2, s.r1, s.r3]].map((events) =>
      events.map(readingRow),
    );
    for (const [i, batch] of batches.entries()) {
      await store.writeReadings(batch);
      await store.recomputeMinutes(TouchedMinutes.of(batch), 1_000 + i);
    }
    expect(await rows(READINGS_QUERY)).toEqual(s.expectedReadings);
    expect(await rows(HOURLY_QUERY)).toEqual(s.expectedHourly);
    expect(await rows(DAILY_QUERY)).toEqual(s.expectedDaily);
  });

  it('computes minutes from new readings as 18.16 does, and as recomputing them gives', async () => {
    const scenario = newMinutesScenario('conformance-new');
    const store = new ClickHouseTelemetryStore(client);
    const writes = new TelemetryWriteBehind(store, { maxRows: 100, rollupIntervalMs: 0 }, () => 5);
    await writes.add(scenario.rows);
    await writes.flush(true);
    expect(await rows(NEW_MINUTES_QUERY('conformance-new'))).toEqual(
      scenario.expected.map((m) => ({ ...m, v: 5 })),
    );
    await store.recomputeSensors(['conformance-new-a', 'conformance-new-b'], 6);
    expect(await rows(NEW_MINUTES_QUERY('conformance-new'))).toEqual(
      scenario.expected.map((m) => ({ ...m, v: 6 })),
    );
    expect(await store.minutesReach(['conformance-new-a', 'conformance-new-c'])).toEqual(
      new Map([['conformance-new-a', Date.parse('2026-11-22T10:01:59.999Z')]]),
    );
  });
});
