import { ANALYTICS_MIGRATIONS } from '@tributary/read-models';
import { clickHouseTestDatabase } from '@tributary/platform/src/clickhouse/clickhouse.test-bed';
import { insertAnalyticsRows } from './analytics-rows';
import { readingRow } from './telemetry/reading.projection';
import { telemetryScenario } from './telemetry/telemetry.test-data';

/**
 * telemetry_readings written as RowBinary by `insertAnalyticsRows` and as JSONEachRow (how the
 * telemetry store writes it today), each into a database of its own on the stack's ClickHouse
 * (18.16): the same reading rows must leave the same table, column for column.
 */
describe('insertAnalyticsRows into telemetry_readings', () => {
  const binary = clickHouseTestDatabase('projector_rows_binary', [ANALYTICS_MIGRATIONS.telemetry]);
  const json = clickHouseTestDatabase('projector_rows_json', [ANALYTICS_MIGRATIONS.telemetry]);

  it('stores what a JSONEachRow insert of the same reading rows stores', async () => {
    const { r1, r2, r3, r2corrected } = telemetryScenario('s-rows');
    const rows = [
      readingRow(r1),
      readingRow(r2),
      readingRow({ ...r3, metrics: { wind: 3.5, co2: 410 } }),
      readingRow(r2corrected),
    ];
    await insertAnalyticsRows(binary.client, 'telemetry_readings', rows);
    await json.client.insert({ table: 'telemetry_readings', format: 'JSONEachRow', values: rows });

    const read = async (bed: typeof binary) => {
      const result = await bed.client.query({
        query: 'SELECT * FROM telemetry_readings ORDER BY reading_id, version',
        format: 'JSONEachRow',
      });
      return result.json();
    };
    const stored = await read(binary);
    expect(stored).toEqual(await read(json));
    // And not two empty tables: the four rows, the third with its metrics by name.
    expect(stored.map((row) => (row as { metric_names: string[] }).metric_names)).toEqual([
      [],
      [],
      [],
      ['co2', 'wind'],
    ]);
  });
});
