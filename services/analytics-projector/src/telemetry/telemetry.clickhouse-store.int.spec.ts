import { ANALYTICS_MIGRATIONS } from '@tributary/read-models';
import { clickHouseTestDatabase } from '@tributary/platform/src/clickhouse/clickhouse.test-bed';
import { type ReadingRow } from './reading.projection';
import { ClickHouseTelemetryStore } from './telemetry.clickhouse-store';

describe('ClickHouseTelemetryStore on ClickHouse 18.16', () => {
  const bed = clickHouseTestDatabase('projector_store', [ANALYTICS_MIGRATIONS.telemetry]);

  it('recomputes the rollups of thousands of sensors with the longest ids in one call', async () => {
    // 2,500 ids of 128 characters: one IN list of them all would be ~330 KB of SQL, over
    // ClickHouse's 256 KiB limit.
    const sensors = Array.from({ length: 2_500 }, (_, i) =>
      `s${String(i).padStart(4, '0')}`.padEnd(128, 'x'),
    );
    const row = (sensor_id: string, i: number): ReadingRow => ({
      sensor_id,
      ts: '2026-11-22 10:15:00',
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
      ingested_at: '2026-11-22 10:15:01',
    });
    const store = new ClickHouseTelemetryStore(bed.client);
    await store.writeReadings(sensors.map(row));
    await store.recomputeRollups(
      {
        hours: sensors.map((sensor_id) => ({ sensor_id, start: '2026-11-22 10:00:00' })),
        days: sensors.map((sensor_id) => ({ sensor_id, start: '2026-11-22' })),
      },
      1,
    );
    const counts = await bed.client.query({
      query: `SELECT (SELECT count() FROM telemetry_hourly FINAL) AS hourly,
                     (SELECT count() FROM telemetry_daily FINAL) AS daily,
                     (SELECT sum(temperature_count) FROM telemetry_hourly FINAL) AS readings,
                     (SELECT sum(temperature_max) FROM telemetry_daily FINAL) AS max_sum`,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    // Temperatures cycle 0..9 over the sensors, one reading each: 250 × (0 + … + 9) = 11,250.
    expect(await counts.json()).toEqual([
      { hourly: 2_500, daily: 2_500, readings: 2_500, max_sum: 11_250 },
    ]);
  });
});
