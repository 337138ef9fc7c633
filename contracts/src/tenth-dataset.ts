import { join } from 'node:path';
import { declareDataset } from './dataset-declaration';

/**
 * A tenth dataset that exists in the test run only: weather stations' daily observations. Tests
 * across the services add it beside the nine to prove that a dataset is one declaration plus its
 * projection (docs/adding-a-dataset.md follows the same example). Its `.avsc` and sample file are
 * in contracts/fixtures/tenth-dataset/, outside `schemas/`, so nothing registers or publishes it.
 */
export const TENTH_DATASET_DIR = join(__dirname, '..', 'fixtures', 'tenth-dataset');

export const WEATHER_OBSERVATIONS = declareDataset({
  name: 'weather.observations',
  event: 'tributary.weather.ObservationRecorded',
  schemaFile: 'observation-recorded.avsc',
  kind: 'fact',
  key: 'station_id',
  partitions: 3,
  producers: ['file-ingest'],
  consumers: ['analytics-projector'],
  identity: ['station_id', 'observed_on'],
  occurredAt: 'observed_on',
  fields: [
    { name: 'station_id', aliases: ['station'], required: true, type: { kind: 'identifier' } },
    { name: 'observed_on', aliases: ['date', 'day'], required: true, type: { kind: 'day' } },
    {
      name: 'rainfall_mm',
      aliases: ['rain', 'precipitation_mm'],
      required: false,
      type: { kind: 'number' },
      // The wettest day on record is under 2 m: anything above is a broken gauge.
      bounds: { min: 0, max: 2_000 },
    },
    {
      name: 'wind_kmh',
      aliases: ['wind'],
      required: false,
      type: { kind: 'number' },
      expected: { min: 0 },
    },
  ],
  rules: [{ kind: 'any-of', fields: ['rainfall_mm', 'wind_kmh'] }],
  table: 'weather_observations',
  sample: 'weather.observations.csv',
});
