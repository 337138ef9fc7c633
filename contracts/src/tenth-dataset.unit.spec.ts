import avro from 'avsc';
import { topicOfDataset } from './catalog';
import { eventOf, type DatasetDeclaration } from './dataset-declaration';
import { recognizeDataset } from './dataset-recognition';
import { schemaMismatches } from './dataset-schema';
import { DATASET_DECLARATIONS, DATASETS } from './datasets';
import { fixtureMetadata } from './fixtures';
import { logicalTypes } from './logical-types';
import { composeSchema, readSchemaFiles } from './schemas';
import { TENTH_DATASET_DIR, WEATHER_OBSERVATIONS } from './tenth-dataset';

/**
 * A tenth dataset, added in this test run only: its declaration alone gives the catalog entry,
 * recognition among the others and the events, and its `.avsc` is held to it like the nine's.
 * (file-ingest and the quality report take it up in their own tests.)
 */
describe('a tenth dataset, declared in the test run only', () => {
  const tenFiles = readSchemaFiles(TENTH_DATASET_DIR);
  const [file] = tenFiles;
  const ten: readonly DatasetDeclaration[] = [
    ...Object.values(DATASET_DECLARATIONS),
    WEATHER_OBSERVATIONS,
  ];

  it('is held to its own .avsc', () => {
    expect(schemaMismatches(WEATHER_OBSERVATIONS, file!)).toEqual([]);
  });

  it('has the catalog entry its declaration implies', () => {
    expect(topicOfDataset(WEATHER_OBSERVATIONS)).toEqual({
      topic: 'weather.observations',
      event: 'tributary.weather.ObservationRecorded',
      schemaFile: 'observation-recorded.avsc',
      key: 'station_id',
      partitions: 3,
      cleanup: 'delete',
      retentionDays: 400,
      producers: ['file-ingest'],
      consumers: ['analytics-projector'],
    });
  });

  it('is recognised from its sample header among the ten, and the nine still are', () => {
    expect(recognizeDataset(['Station', 'Date', 'Rainfall (mm)', 'Wind_kmh'], ten)).toEqual({
      ok: true,
      dataset: 'weather.observations',
    });
    for (const name of DATASETS) {
      const header = DATASET_DECLARATIONS[name].fields.map((f) => f.name);
      expect(recognizeDataset(header, ten)).toEqual({ ok: true, dataset: name });
    }
  });

  it('turns a row into an event its Avro schema encodes and decodes unchanged', () => {
    const schema = composeSchema(file!, [...readSchemaFiles(), ...tenFiles]);
    const type = avro.Type.forSchema(schema as avro.Schema, { logicalTypes });
    const event = eventOf(
      WEATHER_OBSERVATIONS,
      { station_id: 'st-1', observed_on: '2026-11-01', wind_kmh: 30 },
      fixtureMetadata('00000000-0000-4000-8000-000000000001'),
    );
    expect(event).toMatchObject({ station_id: 'st-1', rainfall_mm: null, wind_kmh: 30 });
    expect(type.fromBuffer(type.toBuffer(event))).toEqual(event);
  });
});
