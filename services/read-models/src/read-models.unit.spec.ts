import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANALYTICS_MIGRATIONS, ANALYTICS_TABLES, DIRECTORY_MIGRATIONS } from './index';

describe('the read models’ migrations', () => {
  it('keep the analytics tables’ SQL in numbered files, applied in that order', () => {
    expect(readdirSync(ANALYTICS_MIGRATIONS.telemetry).sort()).toEqual([
      '0001_telemetry_readings.sql',
      '0002_telemetry_minutes.sql',
      '0003_telemetry_client_id.sql',
    ]);
    expect(readdirSync(ANALYTICS_MIGRATIONS.datasets).sort()).toEqual([
      '1001_ev.sql',
      '1002_banking.sql',
      '1003_energy.sql',
      '1004_retail.sql',
      '1005_ingest_rejections.sql',
      '1006_banking_rollups.sql',
      '1007_banking_rollups_recomputed.sql',
    ]);
  });

  it('order the directory’s migrations by their timestamps, each named as its class', () => {
    const names = DIRECTORY_MIGRATIONS.map((M) => new M().name);
    expect(names).toEqual(DIRECTORY_MIGRATIONS.map((M) => M.name));
    const stamps = names.map((name) => Number(/(\d{13})$/.exec(name)?.[1]));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(stamps.every(Number.isFinite)).toBe(true);
  });

  it('name only tables the analytics migrations create', () => {
    const created = Object.values(ANALYTICS_MIGRATIONS).flatMap((folder) =>
      readdirSync(folder).flatMap((file) =>
        [
          ...readFileSync(join(folder, file), 'utf8').matchAll(/CREATE TABLE IF NOT EXISTS (\w+)/g),
        ].map((m) => m[1]),
      ),
    );
    expect(Object.values(ANALYTICS_TABLES).filter((table) => !created.includes(table))).toEqual([]);
  });
});
