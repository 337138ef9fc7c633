import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import {
  DATASET_DECLARATIONS,
  type DatasetDeclaration,
  type TributaryCommon,
} from '@tributary/contracts';
// A fixture of the tests, not part of the contracts package's API.
import { TENTH_DATASET_DIR, WEATHER_OBSERVATIONS } from '@tributary/contracts/src/tenth-dataset';
import { openFile } from '../formats/open-file';
import { datasetSpecOf } from './datasets';
import { detectDataset, RowMapper } from './row-mapper';

const RECEIVED = new Date('2026-12-07T09:00:00Z');
const metadataFor = (rowNumber: number, occurredAt: Date | null) =>
  ({
    event_id: `event-${rowNumber}`,
    occurred_at: occurredAt ?? RECEIVED,
    ingested_at: RECEIVED,
    source: { kind: 'file', reference: 'job-10', row_number: rowNumber },
    trace_id: 'job-10',
  }) satisfies TributaryCommon.EventMetadata;

/**
 * The tenth dataset (contracts' `WEATHER_OBSERVATIONS`, declared for tests only) read from its
 * sample file by the same code as the nine: nothing in this service names it.
 */
describe('file-ingest with a tenth dataset declared in the test run only', () => {
  const ten: readonly DatasetDeclaration[] = [
    ...Object.values(DATASET_DECLARATIONS),
    WEATHER_OBSERVATIONS,
  ];

  it('recognises the sample file, maps its good rows to events and refuses the rest by rule', async () => {
    const path = join(TENTH_DATASET_DIR, WEATHER_OBSERVATIONS.sample);
    const opened = await openFile(createReadStream(path), {
      fileName: WEATHER_OBSERVATIONS.sample,
    });
    const rows = [];
    for await (const record of opened.records) rows.push(record);
    expect(detectDataset(Object.keys(rows[0]!.values), ten)).toBe('weather.observations');

    const mapper = new RowMapper(datasetSpecOf(WEATHER_OBSERVATIONS), metadataFor);
    const mapped = rows.map((row) => mapper.map(row));
    const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
    const event = (
      row: number,
      station: string,
      on: string,
      rain: number | null,
      wind: number | null,
    ) => ({
      ok: true,
      event: {
        metadata: metadataFor(row, day(on)),
        station_id: station,
        observed_on: on,
        rainfall_mm: rain,
        wind_kmh: wind,
      },
    });
    // Rows are numbered by their line in the file: the header is line 1.
    expect(mapped).toEqual([
      event(2, 'st-1', '2026-11-01', 12.5, 30),
      event(3, 'st-1', '2026-11-02', 0, null),
      // Below its expected range: accepted, and counted by the quality report.
      event(4, 'st-2', '2026-11-01', null, -4),
      event(5, 'st-2', '2026-11-01', 3.25, 11),
      { ok: false, reasons: ['observed_on: is not a day of the calendar, got "2026-11-31"'] },
      { ok: false, reasons: ['rainfall_mm: must be between 0 and 2000, got "2500"'] },
      { ok: false, reasons: ['rainfall_mm: at least one of rainfall_mm, wind_kmh is required'] },
    ]);
  });
});
