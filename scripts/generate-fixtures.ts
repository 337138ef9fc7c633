/**
 * Writes the committed sample files (services/testing/fixtures/datasets): every dataset, from one
 * seed, with planted anomalies, each in a different format so that every reader is exercised:
 *
 *   bash scripts/run-ts.sh scripts/generate-fixtures.ts
 *
 * Run it again only to change the samples: tests compare against what the files hold.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import {
  FIXTURE_FILES,
  FIXTURES_DIR,
  FIXTURE_SEED,
  generateDatasets,
  SMALL,
  toCsv,
  toNdjson,
  toXlsx,
  type Dataset,
} from '@tributary/testing';
import { join } from 'node:path';

async function main(): Promise<void> {
  const { rows, anomalies } = generateDatasets({
    seed: FIXTURE_SEED,
    scale: SMALL,
    anomalyRate: 0.05,
  });
  mkdirSync(FIXTURES_DIR, { recursive: true });
  for (const [dataset, file] of Object.entries(FIXTURE_FILES) as [Dataset, string][]) {
    const data = rows[dataset];
    const plain = file.replace(/\.gz$/, '');
    let bytes: Buffer;
    if (plain.endsWith('.csv')) bytes = Buffer.from(toCsv(dataset, data));
    else if (plain.endsWith('.ndjson')) bytes = Buffer.from(toNdjson(data));
    else if (plain.endsWith('.json')) bytes = Buffer.from(`${JSON.stringify(data, null, 1)}\n`);
    else bytes = await toXlsx(dataset, data, { dateColumnsAsExcelDates: true });
    writeFileSync(join(FIXTURES_DIR, file), file.endsWith('.gz') ? gzipSync(bytes) : bytes);
    console.log(`${file.padEnd(30)} ${String(data.length).padStart(4)} rows`);
  }
  writeFileSync(join(FIXTURES_DIR, 'anomalies.json'), `${JSON.stringify(anomalies, null, 1)}\n`);
  console.log(`anomalies.json                 ${String(anomalies.length).padStart(4)} planted`);
}

void main();
