import { join } from 'node:path';
import { type Dataset } from './generate';

/** The committed sample files, written by scripts/generate-fixtures.ts. */
export const FIXTURES_DIR = join(__dirname, '..', '..', 'fixtures', 'datasets');

/** The seed they were generated from (at the SMALL scale, anomaly rate 0.05). */
export const FIXTURE_SEED = 42;

/** One file per dataset, each in a different format, so every reader and gzip are exercised. */
export const FIXTURE_FILES: Readonly<Record<Dataset, string>> = {
  'ev.users': 'ev.users.json',
  'ev.chargers': 'ev.chargers.ndjson',
  'ev.transactions': 'ev.transactions.csv',
  'banking.clients': 'banking.clients.csv',
  'banking.transactions': 'banking.transactions.xlsx',
  'telemetry.readings': 'telemetry.readings.ndjson.gz',
  'energy.usage': 'energy.usage.csv',
  'retail.products': 'retail.products.json',
  'retail.sales': 'retail.sales.csv.gz',
};

/**
 * The row number file-ingest reports for the `row`-th data row (1-based) of a generated file
 * named `fileName`: its line in CSV and its sheet row in XLSX (the header is line/row 1, and
 * generated rows never span lines), its line in NDJSON and its element in JSON (no header).
 */
export function fileRowNumber(fileName: string, row: number): number {
  return /\.(csv|xlsx)(\.gz)?$/i.test(fileName) ? row + 1 : row;
}
