import { readdirSync } from 'node:fs';
import { ANALYTICS_MIGRATIONS, DIRECTORY_MIGRATIONS } from './index';

describe('the read models’ migrations', () => {
  it('keep the analytics tables’ SQL in numbered files, applied in that order', () => {
    expect(readdirSync(ANALYTICS_MIGRATIONS.telemetry)).toEqual(['0001_telemetry_readings.sql']);
    expect(readdirSync(ANALYTICS_MIGRATIONS.datasets).sort()).toEqual([
      '1001_ev.sql',
      '1002_banking.sql',
      '1003_energy.sql',
      '1004_retail.sql',
      '1005_ingest_rejections.sql',
      '1006_banking_rollups.sql',
    ]);
  });

  it('order the directory’s migrations by their timestamps, each named as its class', () => {
    const names = DIRECTORY_MIGRATIONS.map((M) => new M().name);
    expect(names).toEqual(DIRECTORY_MIGRATIONS.map((M) => M.name));
    const stamps = names.map((name) => Number(/(\d{13})$/.exec(name)?.[1]));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(stamps.every(Number.isFinite)).toBe(true);
  });
});
