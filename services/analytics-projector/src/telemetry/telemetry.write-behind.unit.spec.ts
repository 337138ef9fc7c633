import { clickHouseDateTime, type ReadingRow } from './reading.projection';
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

/** Far ahead of every row here: each minute is then one an earlier reading reaches. */
const EVERYWHERE = Date.parse('2100-01-01T00:00:00Z');

/**
 * A store that records what it was asked, and fails while `down` is set. `reach` is how far each
 * sensor's stored minutes reach (undefined: it has none); by default every minute is reached, so
 * every minute is recomputed.
 */
function recordingStore(reach: (sensor: string) => number | undefined = () => EVERYWHERE) {
  const log: string[] = [];
  const state = { down: false };
  /** The sensors of each read of how far stored minutes reach. */
  const reads: string[][] = [];
  const store: TelemetryStore = {
    minutesReach: (sensors) => {
      reads.push([...sensors]);
      const known = sensors.flatMap((s) => {
        const at = reach(s);
        return at === undefined ? [] : [[s, at] as const];
      });
      return Promise.resolve(new Map(known));
    },
    writeMinutes: (rows) => {
      const shown = rows.map(
        (m) =>
          `${m.sensor_id}@${clickHouseDateTime(m.minute)}×${m.reading_count}[${m.temperature_values.join('/')}]`,
      );
      log.push(`computed v${rows[0]!.computed_version} ${shown.join(',')}`);
      return state.down ? Promise.reject(new Error('down')) : Promise.resolve();
    },
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
  return { log, state, store, reads };
}

/** A reading at `ts` with this temperature. */
const warm = (reading_id: string, sensor_id: string, ts: string, temperature: number | null) => ({
  ...row(reading_id, sensor_id, ts),
  temperature,
});

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
      ...recordingStore().store,
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

  it('computes a sensor’s latest minute from its readings, batch after batch, and recomputes minutes stored or earlier readings reach', async () => {
    // Sensor a has stored minutes up to 10:00; b has none.
    const { log, store, reads } = recordingStore((sensor) =>
      sensor === 'a' ? Date.parse('2026-11-22T10:00:59.999Z') : undefined,
    );
    let now = 100;
    const writes = new TelemetryWriteBehind(
      store,
      { maxRows: 100, rollupIntervalMs: 0 },
      () => now,
    );
    await writes.add([
      warm('r1', 'a', '2026-11-22 10:00:30', 21),
      warm('r2', 'a', '2026-11-22 10:01:40', 25.5),
      warm('r3', 'a', '2026-11-22 10:01:10', -3),
      warm('r4', 'b', '2026-11-22 10:05:00', null),
    ]);
    expect(await writes.flush(false)).toBe(true);
    await writes.add([
      warm('r5', 'a', '2026-11-22 10:01:50', 30), // 10:01 is a's latest minute: extended
      warm('r6', 'a', '2026-11-22 10:02:00', 22), // a's next minute
      warm('r7', 'a', '2026-11-22 10:01:05', 19), // back in 10:01, no longer the latest
    ]);
    now = 200;
    expect(await writes.flush(false)).toBe(true);
    expect(log).toEqual([
      'insert r1,r2,r3,r4',
      'computed v100 a@2026-11-22 10:01:00×2[-3/25.5],b@2026-11-22 10:05:00×1[]',
      'minutes v100 a@2026-11-22 10:00:00',
      'insert r5,r6,r7',
      'computed v200 a@2026-11-22 10:02:00×1[22]',
      'minutes v200 a@2026-11-22 10:01:00',
    ]);
    expect(reads).toEqual([['a', 'b']]); // once per sensor
  });

  it('recomputes a minute that holds a reading id twice, and writes a minute whose write failed as it is at the next flush', async () => {
    const { log, store } = recordingStore(() => undefined);
    let minutesDown = true;
    const flaky: TelemetryStore = {
      ...store,
      writeMinutes: (rows) =>
        minutesDown ? Promise.reject(new Error('down')) : store.writeMinutes(rows),
    };
    const writes = new TelemetryWriteBehind(flaky, { maxRows: 100, rollupIntervalMs: 0 }, () => 9);
    await writes.add([
      warm('r1', 'a', '2026-11-22 10:00:10', 20),
      warm('r1', 'a', '2026-11-22 10:00:10', 20),
      warm('r2', 'b', '2026-11-22 10:00:10', 20),
    ]);
    await expect(writes.flush(false)).rejects.toThrow('down');
    minutesDown = false;
    await writes.add([warm('r3', 'b', '2026-11-22 10:00:20', 21)]);
    expect(await writes.flush(false)).toBe(true);
    expect(log).toEqual([
      'insert r1,r1,r2',
      'insert r3',
      'computed v9 b@2026-11-22 10:00:00×2[20/21]',
      'minutes v9 a@2026-11-22 10:00:00',
    ]);
  });

  it('after the group is rejoined, recomputes the minutes it held and reads its sensors again', async () => {
    const { log, store, reads } = recordingStore(() => undefined);
    const writes = new TelemetryWriteBehind(store, { maxRows: 1, rollupIntervalMs: 0 }, () => 4);
    await writes.add([warm('r1', 'c', '2026-11-22 10:00:10', 20)]);
    writes.mayHaveMoved();
    // ClickHouse still has no minute of c, but what this member inserted counts.
    await writes.add([warm('r2', 'c', '2026-11-22 10:00:40', 21)]);
    expect(await writes.flush(false)).toBe(true);
    expect(log).toEqual(['insert r1', 'insert r2', 'minutes v4 c@2026-11-22 10:00:00']);
    expect(reads).toEqual([['c'], ['c']]);
  });

  it('reads a sensor again when the group was rejoined during the read, counting the rows inserted meanwhile', async () => {
    const { log, store, reads } = recordingStore(() => undefined);
    let answer: () => void = () => undefined;
    const slow: TelemetryStore = {
      ...store,
      minutesReach: (sensors) =>
        reads.length > 0
          ? store.minutesReach(sensors)
          : new Promise((resolve) => {
              answer = () => resolve(store.minutesReach(sensors));
            }),
    };
    const writes = new TelemetryWriteBehind(slow, { maxRows: 1, rollupIntervalMs: 0 }, () => 6);
    const chunk = writes.add([warm('r1', 'd', '2026-11-22 10:00:10', 20)]);
    writes.mayHaveMoved(); // while the first read is out
    answer();
    await chunk;
    // ClickHouse has no minute of d yet, but r1 is in 10:00: r2 may not open it alone.
    await writes.add([warm('r2', 'd', '2026-11-22 10:00:40', 21)]);
    expect(await writes.flush(false)).toBe(true);
    await writes.add([warm('r3', 'd', '2026-11-22 10:00:50', 22)]);
    expect(await writes.flush(false)).toBe(true);
    expect(log).toEqual([
      'insert r1',
      'insert r2',
      'minutes v6 d@2026-11-22 10:00:00',
      'insert r3',
      'minutes v6 d@2026-11-22 10:00:00',
    ]);
    expect(reads).toEqual([['d'], ['d']]);
  });
});
