import { join } from 'node:path';
import {
  composeSchema,
  EventCodec,
  eventOf,
  readSchemaFiles,
  topicOfDataset,
  type Topic,
  type TributaryCommon,
} from '@tributary/contracts';
// A fixture of the tests, not part of the contracts package's API.
import { TENTH_DATASET_DIR, WEATHER_OBSERVATIONS } from '@tributary/contracts/src/tenth-dataset';
import { kafkaConfigSchema } from '@tributary/platform';
import { clickHouseTestDatabase } from '@tributary/platform/src/clickhouse/clickhouse.test-bed';
import { datasetTableColumns } from '@tributary/read-models';
import { stackConfig, uniqueName } from '@tributary/testing';
import { type DatasetTable } from './dataset-projections';
import { ClickHouseDatasetStore } from './datasets.clickhouse-store';
import { declaredRow } from './declared-projection';

const config = stackConfig(kafkaConfigSchema);

const metadata = (row: number, day: string): TributaryCommon.EventMetadata => ({
  event_id: `00000000-0000-4000-8000-${String(row).padStart(12, '0')}`,
  occurred_at: new Date(`${day}T00:00:00Z`),
  ingested_at: new Date('2026-12-07T09:00:00.250Z'),
  source: { kind: 'file', reference: 'job-10', row_number: row },
  trace_id: 'job-10',
});

/**
 * A tenth dataset declared in the test run only (contracts' `WEATHER_OBSERVATIONS`), projected
 * by the code that projects the nine: its events go through the stack's schema registry in the
 * Confluent wire format, its rows are derived from its declaration, and the platform's dataset
 * store writes them into the table its migration creates, on the stack's ClickHouse.
 */
describe('the projection of a tenth dataset declared in the test run only', () => {
  const bed = clickHouseTestDatabase('projector_tenth', [join(TENTH_DATASET_DIR, 'analytics')]);
  const topic = uniqueName('tenth').replace(/_/g, '-') + '.weather-observations';
  let codec: EventCodec;

  beforeAll(async () => {
    const files = readSchemaFiles(TENTH_DATASET_DIR);
    codec = new EventCodec({
      registryUrl: config.SCHEMA_REGISTRY_URL,
      topics: [{ ...topicOfDataset(WEATHER_OBSERVATIONS), topic }],
      schemaOverrides: { [topic]: composeSchema(files[0]!, [...readSchemaFiles(), ...files]) },
    });
    await codec.register();
  });

  it('creates the table its declaration implies', async () => {
    const columns = await bed.client.query({
      query: `SELECT name, type FROM system.columns
        WHERE database = currentDatabase() AND table = 'weather_observations'`,
      format: 'JSONEachRow',
    });
    expect(await columns.json()).toEqual(datasetTableColumns(WEATHER_OBSERVATIONS));
  });

  it('stores each event as a row of its table, exactly', async () => {
    const rows = [
      { station_id: 'st-1', observed_on: '2026-11-01', rainfall_mm: 12.5, wind_kmh: 30 },
      { station_id: 'st-2', observed_on: '2026-11-02', rainfall_mm: null, wind_kmh: -4 },
    ];
    const row = declaredRow(WEATHER_OBSERVATIONS);
    const projected = [];
    for (const [i, values] of rows.entries()) {
      const event = eventOf(WEATHER_OBSERVATIONS, values, metadata(i + 1, values.observed_on));
      const wire = codec.encode(topic as Topic, event as never);
      projected.push(row((await codec.decode(topic as Topic, wire)) as never));
    }
    // Its columns by the definition every dataset's come from (read-models' table list holds
    // only the datasets contracts declare).
    const columns = { [WEATHER_OBSERVATIONS.table]: datasetTableColumns(WEATHER_OBSERVATIONS) };
    await new ClickHouseDatasetStore(bed.client, columns).insert(
      WEATHER_OBSERVATIONS.table as DatasetTable,
      projected,
    );

    const result = await bed.client.query({
      query: `SELECT station_id, toString(observed_on) AS observed_on, rainfall_mm, wind_kmh,
        event_id, source_kind, job_id, row_number, toString(ingested_at) AS ingested_at
        FROM weather_observations FINAL ORDER BY station_id`,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    expect(await result.json()).toEqual([
      {
        station_id: 'st-1',
        observed_on: '2026-11-01',
        rainfall_mm: 12.5,
        wind_kmh: 30,
        event_id: '00000000-0000-4000-8000-000000000001',
        source_kind: 'file',
        job_id: 'job-10',
        row_number: 1,
        ingested_at: '2026-12-07 09:00:00',
      },
      {
        station_id: 'st-2',
        observed_on: '2026-11-02',
        rainfall_mm: null,
        wind_kmh: -4,
        event_id: '00000000-0000-4000-8000-000000000002',
        source_kind: 'file',
        job_id: 'job-10',
        row_number: 2,
        ingested_at: '2026-12-07 09:00:00',
      },
    ]);
  });
});
