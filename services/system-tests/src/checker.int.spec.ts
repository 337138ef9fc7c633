import { type ClickHouseClient } from '@clickhouse/client';
import { ch, createClickHouse, createLogger } from '@tributary/platform';
import { waitFor } from '@tributary/testing';
import { check, CheckInfrastructureError, describeReport, type CheckReport } from './checker';
import { Ledger, type AckedReading } from './ledger';
import { runReadingLoad } from './load-generator';
import { Platform } from './platform';

/**
 * The checker is believed only once it is seen failing: a clean run passes, then each kind of
 * defect is planted in the real ClickHouse behind a real gateway and must be reported, by id,
 * in the source where it was planted — and an unreachable source fails the check.
 */
describe('the ledger checker, against the real stack', () => {
  let platform: Platform;
  let clickhouse: ClickHouseClient;
  let ledger: Ledger;
  const target = () => ({ api: platform.api, token: platform.token, clickhouse });
  const reading = (sensorIndex: number): AckedReading =>
    ledger.bySensor().get(`${ledger.sensorPrefix}s${sensorIndex}`)![3]!;

  beforeAll(async () => {
    platform = await Platform.start({ name: 'checker' });
    clickhouse = platform.clickhouse();
    ledger = new Ledger(platform.sensorPrefix);
    const load = await runReadingLoad({
      api: platform.api,
      token: platform.token,
      ledger,
      seed: 18,
      readings: 2_000,
      sensors: 8,
      batchSize: 250,
      concurrency: 2,
      startMs: Date.UTC(2026, 10, 2, 9, 50),
    });
    expect(load.acknowledged).toBe(2_000);
    await platform.drain();
  }, 600_000);

  afterAll(async () => {
    await clickhouse?.close();
    await platform?.stop();
  });

  const run = async (): Promise<CheckReport> => {
    const report = await check(ledger, target());
    return report;
  };

  it('passes the clean run: every acknowledged reading once, with its values, and exact rollups', async () => {
    const report = await run();
    expect(describeReport(report)).toMatch(/OK$/);
    expect(report.acknowledged).toBe(2_000);
    expect(report.api.seen).toBe(2_000);
    expect(report.clickhouse.seen).toBe(2_000);
  });

  it('is not fooled by an exact redelivery, which FINAL deduplicates', async () => {
    const r = reading(0);
    await insertReading(clickhouse, r, { version: 1 });
    await waitFor('the copy to be stored', async () =>
      (await run()).redeliveredRows === 1 ? true : undefined,
    );
    expect((await run()).ok).toBe(true);
  });

  it('fails on a planted double insert: the same reading stored under a second key', async () => {
    const r = reading(1);
    await insertReading(clickhouse, r, { timestampMs: r.timestamp_ms + 1_000, version: 1 });
    const report = await run();
    expect(report.ok).toBe(false);
    expect(report.clickhouse.duplicated).toEqual([r.id]);
    expect(report.api.duplicated).toEqual([r.id]);
    expect(report.api.lost).toEqual([]);
    expect(report.api.phantom).toEqual([]);
  });

  it('fails on a planted lost row', async () => {
    const r = reading(2);
    await clickhouse.command({
      query: ch.sql`ALTER TABLE telemetry_readings DELETE WHERE reading_id = ${ch.str(r.id)}`.text,
    });
    await waitFor('the deletion to be applied', async () => {
      const report = await run();
      return report.clickhouse.lost.length > 0 ? report : undefined;
    });
    const report = await run();
    expect(report.ok).toBe(false);
    expect(report.clickhouse.lost).toEqual([r.id]);
    expect(report.api.lost).toEqual([r.id]);
  });

  it('fails on a planted wrong rollup: a minute counting one reading too many', async () => {
    const r = reading(3);
    const minute = Math.floor(r.timestamp_ms / 60_000) * 60_000;
    await clickhouse.command({
      query: ch.sql`INSERT INTO telemetry_minutes
        SELECT sensor_id, minute, reading_count + 1, arraySort(arrayConcat(temperature_values, [-19.9])),
               pressure_values, humidity_values, computed_version + 1
        FROM telemetry_minutes FINAL
        WHERE sensor_id = ${ch.str(r.sensor_id)} AND minute = ${ch.dateTime(new Date(minute))}`
        .text,
    });
    const report = await run();
    expect(report.ok).toBe(false);
    expect(report.storedRollups.map((m) => [m.sensor_id, m.bucket])).toEqual([
      [r.sensor_id, new Date(minute).toISOString()],
    ]);
    const hour = Math.floor(r.timestamp_ms / 3_600_000) * 3_600_000;
    expect(report.apiRollups.map((m) => [m.sensor_id, m.bucket])).toEqual([
      [r.sensor_id, new Date(hour).toISOString()],
    ]);
  });

  it('fails on a planted phantom: a reading of the run that was never acknowledged', async () => {
    const phantom: AckedReading = { ...reading(4), id: `${ledger.sensorPrefix}never-sent` };
    await insertReading(clickhouse, phantom, { timestampMs: phantom.timestamp_ms + 1, version: 1 });
    const report = await run();
    expect(report.clickhouse.phantom).toEqual([phantom.id]);
    expect(report.api.phantom).toEqual([phantom.id]);
  });

  it('fails, never passes, when a source cannot be reached', async () => {
    await expect(check(ledger, { ...target(), api: 'http://127.0.0.1:1' })).rejects.toBeInstanceOf(
      CheckInfrastructureError,
    );
    await expect(check(ledger, { ...target(), token: 'not-a-token' })).rejects.toBeInstanceOf(
      CheckInfrastructureError,
    );
    const elsewhere = createClickHouse(
      platform.clickhouseConfig,
      createLogger('system-tests', 'warn'),
      'no_such_database',
    );
    await expect(check(ledger, { ...target(), clickhouse: elsewhere })).rejects.toBeInstanceOf(
      CheckInfrastructureError,
    );
    await elsewhere.close();
  });
});

/** Writes a reading row the way the projector does, as a planted defect. */
async function insertReading(
  clickhouse: ClickHouseClient,
  r: AckedReading,
  { timestampMs = r.timestamp_ms, version }: { timestampMs?: number; version: number },
): Promise<void> {
  await clickhouse.insert({
    table: 'telemetry_readings',
    format: 'JSONEachRow',
    values: [
      {
        sensor_id: r.sensor_id,
        ts: Math.floor(timestampMs / 1000),
        ts_ms: timestampMs % 1000,
        reading_id: r.id,
        version,
        temperature: r.temperature,
        pressure: r.pressure,
        humidity: r.humidity,
        metric_names: [],
        metric_values: [],
        event_id: r.id,
        source_kind: 'planted',
        ingested_at: Math.floor(Date.now() / 1000),
      },
    ],
  });
}
