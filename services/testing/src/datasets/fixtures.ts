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
