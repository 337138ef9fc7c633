import { join } from 'node:path';
// A fixture of the tests, not part of the contracts package's API.
import { TENTH_DATASET_DIR, WEATHER_OBSERVATIONS } from '@tributary/contracts/src/tenth-dataset';
import {
  createLogger,
  readClickHouseMigrations,
  runClickHouseMigrations,
} from '@tributary/platform';
import { clickHouseStoreDatabase } from '../testing/clickhouse-store.test-bed';
import { ClickHouseQualityStore } from './quality.clickhouse-store';
import { qualitySpecOf } from './quality.datasets';
import { type QualityReport } from './quality.dto';
import { QualityService } from './quality.service';

const connect = clickHouseStoreDatabase('gateway_tenth', ['datasets']);

const provenance = (event_id: string, row_number: number) => ({
  event_id,
  source_kind: 'file',
  job_id: 'job-10',
  row_number,
  ingested_at: '2026-12-07 09:00:00',
});

/** The accepted rows of the tenth dataset's sample file, as its projection writes them. */
const OBSERVATIONS = [
  ['st-1', '2026-11-01', 12.5, 30],
  ['st-1', '2026-11-02', 0, null],
  ['st-2', '2026-11-01', null, -4],
  ['st-2', '2026-11-01', 3.25, 11],
].map(([station_id, observed_on, rainfall_mm, wind_kmh], i) => ({
  station_id,
  observed_on,
  rainfall_mm,
  wind_kmh,
  // Lines 2 to 5 of the file (line 1 is its header).
  ...provenance(`obs-${i + 2}`, i + 2),
}));

/** Its refused rows, as file-ingest records them (the reasons its own test expects). */
const REJECTIONS = (
  [
    [6, 'observed_on: is not a day of the calendar, got "2026-11-31"', 'st-3,2026-11-31,1,1'],
    [7, 'rainfall_mm: must be between 0 and 2000, got "2500"', 'st-3,2026-11-02,2500,5'],
    [8, 'rainfall_mm: at least one of rainfall_mm, wind_kmh is required', 'st-4,2026-11-03,,'],
  ] as const
).map(([row_number, reason, raw]) => ({
  event_id: `rejected-${row_number}`,
  job_id: 'job-10',
  dataset: 'weather.observations',
  object_key: 'landing/job-10',
  row_number,
  reasons: [reason],
  raw,
  rejected_at: '2026-12-07 09:00:00',
}));

const station = (station_id: string, observed_on: string) => ({ station_id, observed_on });

/**
 * The quality report of a tenth dataset declared in the test run only (contracts'
 * `WEATHER_OBSERVATIONS`): the spec is derived from the declaration, its table is created by its
 * projection's migration, and the report is the nine's code, on the stack's ClickHouse.
 */
describe('the quality report of a tenth dataset declared in the test run only', () => {
  let quality: QualityService;
  let close: () => Promise<void> = () => Promise.resolve();

  beforeAll(async () => {
    const connection = await connect();
    close = connection.close;
    await runClickHouseMigrations(
      connection.client,
      readClickHouseMigrations(join(TENTH_DATASET_DIR, 'analytics')),
      createLogger('test', 'warn'),
    );
    await connection.client.insert({
      table: 'weather_observations',
      values: OBSERVATIONS,
      format: 'JSONEachRow',
    });
    await connection.client.insert({
      table: 'ingest_rejections',
      values: REJECTIONS,
      format: 'JSONEachRow',
    });
    quality = new QualityService(new ClickHouseQualityStore(connection.client));
  });

  afterAll(() => close());

  it('derives what to check from the declaration', () => {
    expect(qualitySpecOf(WEATHER_OBSERVATIONS)).toEqual({
      dataset: 'weather.observations',
      table: 'weather_observations',
      fields: [
        { name: 'station_id', column: 'station_id', type: 'text' },
        { name: 'observed_on', column: 'observed_on', type: 'day' },
        { name: 'rainfall_mm', column: 'rainfall_mm', type: 'number' },
        { name: 'wind_kmh', column: 'wind_kmh', type: 'number' },
      ],
      key: ['station_id', 'observed_on'],
      rules: [
        { kind: 'bounds', field: 'rainfall_mm', min: 0, max: 2000 },
        { kind: 'bounds', field: 'wind_kmh', min: 0 },
      ],
      references: [],
    });
  });

  it('reports its profile, duplicate keys, ranges, outliers and rejections', async () => {
    // rainfall 0, 3.25, 12.5 and wind −4, 11, 30: quartiles are the 1st and 3rd of three.
    const fences = (field: string, q1: number, q3: number) => ({
      field,
      values: 3,
      q1,
      q3,
      iqr: q3 - q1,
      lower_fence: q1 - 1.5 * (q3 - q1),
      upper_fence: q3 + 1.5 * (q3 - q1),
      count: 0,
      examples: [],
    });
    // Reasons by count, then alphabetically (without the quoted value): rows 5, 7, 6.
    const [r6, r7, r8] = REJECTIONS;
    const expected: Omit<QualityReport, 'dataset'> & { dataset: string } = {
      dataset: 'weather.observations',
      id_prefix: null,
      rows: 4,
      fields: [
        { field: 'station_id', nulls: 0, null_rate: 0, empty: 0, empty_rate: 0, distinct: 2 },
        {
          field: 'observed_on',
          nulls: 0,
          null_rate: 0,
          empty: null,
          empty_rate: null,
          distinct: 2,
        },
        {
          field: 'rainfall_mm',
          nulls: 1,
          null_rate: 0.25,
          empty: null,
          empty_rate: null,
          distinct: 3,
        },
        {
          field: 'wind_kmh',
          nulls: 1,
          null_rate: 0.25,
          empty: null,
          empty_rate: null,
          distinct: 3,
        },
      ],
      duplicate_keys: {
        key: ['station_id', 'observed_on'],
        keys: 1,
        rows: 2,
        examples: [{ key: station('st-2', '2026-11-01'), occurrences: 2 }],
      },
      out_of_range: [
        { rule: 'rainfall_mm between 0 and 2000', fields: ['rainfall_mm'], count: 0, examples: [] },
        {
          rule: 'wind_kmh >= 0',
          fields: ['wind_kmh'],
          count: 1,
          examples: [{ key: station('st-2', '2026-11-01'), values: { wind_kmh: -4 } }],
        },
      ],
      orphans: [],
      outliers: [fences('rainfall_mm', 0, 12.5), fences('wind_kmh', -4, 30)],
      rejections: {
        rows: 3,
        reasons: [
          [r6!, 'observed_on: is not a day of the calendar'] as const,
          [r8!, 'rainfall_mm: at least one of rainfall_mm, wind_kmh is required'] as const,
          [r7!, 'rainfall_mm: must be between 0 and 2000'] as const,
        ].map(([{ row_number, reasons, raw }, reason]) => ({
          reason,
          count: 1,
          examples: [{ job_id: 'job-10', row_number, reason: reasons[0]!, raw }],
        })),
      },
    };
    expect(await quality.reportOf(qualitySpecOf(WEATHER_OBSERVATIONS), {})).toEqual(expected);
  });
});
