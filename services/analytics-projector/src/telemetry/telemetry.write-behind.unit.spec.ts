import { type ReadingRow } from './reading.projection';
import { TelemetryWriteBehind } from './telemetry.write-behind';
import { type TelemetryStore } from './telemetry.store';

/** A reading row at `ts`, written as ClickHouse prints it (UTC). */
const row = (reading_id: string, sensor_id: string, ts: string): ReadingRow => ({
  sensor_id,
  ts: new Date(`${ts.replace(' ', 'T')}Z`),
  ts_ms: 0,
  reading_id,
  version: 1,
  temperature: 20,
  pressure: null,
  humidity: null,
  metric_names: [],
  metric_values: [],
  event_id: `e-${reading_id}`,
  source_kind: 'http',
  ingested_at: new Date('2026-11-22T12:00:00Z'),
  client_id: null,
});

/** A store that records what it was asked, and fails while `down` is set. */
function recordingStore() {
  const log: string[] = [];
  const state = { down: false };
  const store: TelemetryStore = {
    writeReadings: (rows) => {
      log.push(`insert ${rows.map((r) => r.reading_id).join(',')}`);
      return state.down ? Promise.reject(new Error('down')) : Promise.resolve();
    },
    recomputeMinutes: (minutes, version) => {
      log.push(
        `minutes v${version} ${minutes
          .minutes()
          .map((m) => `${m.sensor_id}@${m.start}`)
          .join(',')}`,
      );
      return state.down ? Promise.reject(new Error('down')) : Promise.resolve();
    },
  };
  return { log, state, store };
}

describe('TelemetryWriteBehind', () => {
  it('inserts held rows together, and recomputes each touched minute once per rollup interval', async () => {
    const { log, store } = recordingStore();
    let now = 10_000;
    const writes = new TelemetryWriteBehind(
      store,
      { maxRows: 100, rollupIntervalMs: 1_000 },
      () => now,
    );
    await writes.add([
      row('r1', 'a', '2026-11-22 10:00:00'),
      row('r2', 'a', '2026-11-22 10:30:00'),
    ]);
    await writes.add([row('r3', 'b', '2026-11-22 11:00:00')]);
    expect(log).toEqual([]);

    expect(await writes.flush(false)).toBe(true); // first rollups are due at once
    await writes.add([row('r4', 'a', '2026-11-22 10:45:00')]);
    now += 500;
    expect(await writes.flush(false)).toBe(false); // inserted, rollups not due yet
    now += 500;
    expect(await writes.flush(false)).toBe(true);
    expect(log).toEqual([
      'insert r1,r2,r3',
      'minutes v10000 a@2026-11-22 10:00:00,a@2026-11-22 10:30:00,b@2026-11-22 11:00:00',
      'insert r4',
      'minutes v11000 a@2026-11-22 10:45:00',
    ]);
  });

  it('inserts early past maxRows, and a final flush does everything', async () => {
    const { log, store } = recordingStore();
    const writes = new TelemetryWriteBehind(
      store,
      { maxRows: 2, rollupIntervalMs: 60_000 },
      () => 5,
    );
    await writes.add([row('r1', 'a', '2026-11-22 10:00:00')]);
    await writes.add([row('r2', 'a', '2026-11-22 10:01:00')]);
    await writes.add([row('r3', 'a', '2026-11-22 10:02:00')]);
    expect(await writes.flush(true)).toBe(true);
    expect(log).toEqual([
      'insert r1,r2',
      'insert r3',
      'minutes v5 a@2026-11-22 10:00:00,a@2026-11-22 10:01:00,a@2026-11-22 10:02:00',
    ]);
  });

  it('keeps rows and minutes after a failed flush, and writes them on the next one', async () => {
    const { log, state, store } = recordingStore();
    const writes = new TelemetryWriteBehind(store, { maxRows: 100, rollupIntervalMs: 0 }, () => 7);
    await writes.add([row('r1', 'a', '2026-11-22 10:00:00')]);
    state.down = true;
    await expect(writes.flush(false)).rejects.toThrow('down');
    await writes.add([row('r2', 'b', '2026-11-22 10:00:00')]);
    state.down = false;
    expect(await writes.flush(false)).toBe(true);
    expect(log).toEqual([
      'insert r1',
      'insert r1,r2',
      'minutes v7 a@2026-11-22 10:00:00,b@2026-11-22 10:00:00',
    ]);
  });

  it('recomputes a minute only once its rows are in, even when a flush runs beside an early insert', async () => {
    const log: string[] = [];
    let land: () => void = () => undefined;
    const store: TelemetryStore = {
      writeReadings: (rows) => {
        const names = rows.map((r) => r.reading_id).join(',');
        log.push(`insert ${names}`);
        return new Promise<void>((resolve) => {
          land = () => {
            log.push(`landed ${names}`);
            resolve();
          };
        });
      },
      recomputeMinutes: (minutes, version) => {
        log.push(
          `minutes v${version} ${minutes
            .minutes()
            .map((m) => `${m.sensor_id}@${m.start}`)
            .join(',')}`,
        );
        return Promise.resolve();
      },
    };
    const writes = new TelemetryWriteBehind(store, { maxRows: 1, rollupIntervalMs: 0 }, () => 3);
    // The chunk's rows reach maxRows: inserted at once, and the insert is slow.
    const chunk = writes.add([row('r1', 'a', '2026-11-22 10:00:00')]);
    // The consumer's timer flushes meanwhile: nothing of r1 may be recomputed yet.
    expect(await writes.flush(false)).toBe(true);
    land();
    await chunk;
    expect(await writes.flush(false)).toBe(true);
    expect(log).toEqual(['insert r1', 'landed r1', 'minutes v3 a@2026-11-22 10:00:00']);
  });
});
