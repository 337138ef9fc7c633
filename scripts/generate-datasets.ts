/**
 * Writes generated data for all nine datasets: `<dataset>.csv` (and `.ndjson` for the datasets
 * that take it, `.xlsx` for the banking ones with `--xlsx`), plus `anomalies.json` listing every
 * planted defect.
 *
 *   bash scripts/run-ts.sh scripts/generate-datasets.ts --out /tmp/data [--seed 42] [--times 1] [--anomalies 0.05] [--xlsx]
 *
 * `--times N` multiplies the small scale (e.g. 25000 for about a million EV transactions).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  generateDatasets,
  SMALL,
  toCsv,
  toNdjson,
  toXlsx,
  type Dataset,
  type Scale,
} from '@tributary/testing';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    seed: { type: 'string', default: '42' },
    times: { type: 'string', default: '1' },
    anomalies: { type: 'string', default: '0' },
    xlsx: { type: 'boolean', default: false },
  },
});
if (!values.out) {
  console.error(
    'usage: generate-datasets --out <folder> [--seed 42] [--times 1] [--anomalies 0.05]',
  );
  process.exit(2);
}
const times = Number(values.times);
const rate = Number(values.anomalies);
if (!Number.isInteger(times) || times < 1 || !(rate >= 0 && rate <= 1)) {
  console.error('--times must be a whole number ≥ 1 and --anomalies between 0 and 1');
  process.exit(2);
}
const scale = Object.fromEntries(
  Object.entries(SMALL).map(([k, v]) => [
    k,
    k === 'readingsPerSensor' || k === 'energyDays' ? v : v * times,
  ]),
) as unknown as Scale;

const { rows, anomalies } = generateDatasets({
  seed: Number(values.seed),
  scale,
  anomalyRate: rate,
});
async function write(out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  const ndjson: Dataset[] = ['ev.users', 'ev.chargers', 'ev.transactions', 'telemetry.readings'];
  for (const [dataset, data] of Object.entries(rows) as [Dataset, (typeof rows)[Dataset]][]) {
    writeFileSync(join(out, `${dataset}.csv`), toCsv(dataset, data));
    // The bank's transactions came as spreadsheets: with --xlsx, banking datasets as XLSX too.
    if (values.xlsx && dataset.startsWith('banking.'))
      writeFileSync(
        join(out, `${dataset}.xlsx`),
        await toXlsx(dataset, data, { dateColumnsAsExcelDates: true }),
      );
    if (ndjson.includes(dataset)) writeFileSync(join(out, `${dataset}.ndjson`), toNdjson(data));
    console.log(`${dataset.padEnd(22)} ${String(data.length).padStart(8)} rows`);
  }
  writeFileSync(join(out, 'anomalies.json'), `${JSON.stringify(anomalies, null, 2)}\n`);
  console.log(`anomalies.json         ${String(anomalies.length).padStart(8)} planted`);
}

void write(values.out);
