import { ANALYTICS_MIGRATIONS } from '@tributary/read-models';
import {
  createLogger,
  readClickHouseMigrations,
  runClickHouseMigrations,
} from '@tributary/platform';
import { clickHouseTestDatabase } from '@tributary/platform/src/clickhouse/clickhouse.test-bed';
import { readingRow, TouchedMinutes, type ReadingRow } from './reading.projection';
import { ClickHouseTelemetryStore } from './telemetry.clickhouse-store';
import { TelemetryWriteBehind } from './telemetry.write-behind';
import {
  DAILY_QUERY,
  HOURLY_QUERY,
  NEW_MINUTES_QUERY,
  newMinutesScenario,
  telemetryScenario,
} from './telemetry.test-data';

describe('ClickHouseTelemetryStore on ClickHouse 18.16', () => {
  const bed = clickHouseTestDatabase('projector_store', [ANALYTICS_MIGRATIONS.telemetry]);

  it('recomputes the minutes of thousands of sensors with the longest ids in one call', async () => {
    // 2,500 ids of 128 characters: one IN list of them all would be ~330 KB of SQL, over
    // ClickHouse's 256 KiB limit.
    const sensors = Array.from({ length: 2_500 }, (_, i) =>
      `s${String(i).padStart(4, '0')}`.padEnd(128, 'x'),
    );
    const row = (sensor_id: string, i: number): ReadingRow => ({
      sensor_id,
      ts: new Date('2026-11-22T10:15:00Z'),
      ts_ms: 0,
      reading_id: `r-${i}`,
      version: 1,
      temperature: i % 10,
      pressure: null,
      humidity: null,
      metric_names: [],
      metric_values: [],
      event_id: `e-${i}`,
      source_kind: 'http',
      ingested_at: new Date('2026-11-22T10:15:01Z'),
      client_id: null,
    });
    const store = new ClickHouseTelemetryStore(bed.client);
    await store.writeReadings(sensors.map(row));
    await store.recomputeMinutes(
      TouchedMinutes.list(
        sensors.map((sensor_id) => ({ sensor_id, start: '2026-11-22 10:15:00' })),
      ),
      1,
    );
    const counts = await bed.client.query({
      query: `SELECT count() AS minutes, sum(reading_count) AS readings,
                     sum(length(temperature_values)) AS temperatures,
                     sum(arraySum(temperature_values)) AS temperature_sum
              FROM telemetry_minutes FINAL`,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    // Temperatures cycle 0..9 over the sensors, one reading each: 250 × (0 + … + 9) = 11,250.
    expect(await counts.json()).toEqual([
      { minutes: 2_500, readings: 2_500, temperatures: 2_500, temperature_sum: 11_250 },
    ]);
  });

  it('writes minutes computed from new readings as the recomputation from the table makes them', async () => {
    const { rows, expected } = newMinutesScenario('fresh');
    const store = new ClickHouseTelemetryStore(bed.client);
    const recompute = jest.spyOn(store, 'recomputeMinutes');
    const writes = new TelemetryWriteBehind(store, { maxRows: 100, rollupIntervalMs: 0 }, () => 5);
    await writes.add(rows);
    await writes.flush(true);
    expect(recompute).not.toHaveBeenCalled(); // computed from the rows: nothing read back
    const minutes = async () =>
      (
        await bed.client.query({
          query: NEW_MINUTES_QUERY('fresh'),
          format: 'JSONEachRow',
          clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
        })
      ).json();
    expect(await minutes()).toEqual(expected.map((m) => ({ ...m, v: 5 })));
    // Recomputed from the table, later: the same figures.
    await store.recomputeSensors(['fresh-a', 'fresh-b'], 6);
    expect(await minutes()).toEqual(expected.map((m) => ({ ...m, v: 6 })));
    expect(await store.minutesReach(['fresh-a', 'fresh-b', 'fresh-none'])).toEqual(
      new Map([
        ['fresh-a', Date.parse('2026-11-22T10:01:59.999Z')],
        ['fresh-b', Date.parse('2026-11-22T10:00:59.999Z')],
      ]),
    );
  });
});

describe('the rollup minutes migration on ClickHouse 18.16', () => {
  const bed = clickHouseTestDatabase('projector_minutes_migration');
  const logger = createLogger('test', 'warn');

  it('derives the minutes of readings stored before it, so their rollups read the same', async () => {
    const [readingsTable, minutes, clientId] = readClickHouseMigrations(
      ANALYTICS_MIGRATIONS.telemetry,
    );
    // The readings table as today's projector writes it (with its client_id), without the minutes.
    await runClickHouseMigrations(bed.client, [readingsTable!, clientId!], logger);
    const s = telemetryScenario('migrated-sensor');
    // As the projector stored them before the minutes existed: every version of every reading.
    await new ClickHouseTelemetryStore(bed.client).writeReadings(
      [s.r1, s.r2, s.r3, s.r2corrected, s.r1].map(readingRow),
    );
    expect(await runClickHouseMigrations(bed.client, [minutes!], logger)).toEqual([
      '0002_telemetry_minutes',
    ]);
    const rows = async (query: string) => {
      const result = await bed.client.query({
        query,
        format: 'JSONEachRow',
        clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
      });
      return result.json();
    };
    expect(await rows(HOURLY_QUERY)).toEqual(s.expectedHourly);
    expect(await rows(DAILY_QUERY)).toEqual(s.expectedDaily);
    expect(await rows('EXISTS TABLE telemetry_hourly')).toEqual([{ result: 0 }]);
  });
});
