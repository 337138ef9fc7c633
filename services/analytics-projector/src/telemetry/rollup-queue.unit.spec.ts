import { RollupQueue } from './rollup-queue';
import { type TelemetryStore } from './telemetry.store';

describe('RollupQueue', () => {
  const bucket = (sensor_id: string, start: string) => ({ sensor_id, start });

  it('recomputes each queued bucket once per flush, and queues them again when that fails', async () => {
    const calls: unknown[] = [];
    let fail = true;
    const store: TelemetryStore = {
      writeReadings: () => Promise.resolve(),
      recomputeRollups: (buckets, version) => {
        calls.push({ buckets, version });
        return fail ? Promise.reject(new Error('down')) : Promise.resolve();
      },
    };
    const queue = new RollupQueue();
    queue.add({ hours: [bucket('a', '2026-11-22 10:00:00')], days: [bucket('a', '2026-11-22')] });
    queue.add({
      hours: [bucket('a', '2026-11-22 10:00:00'), bucket('b', '2026-11-22 10:00:00')],
      days: [bucket('a', '2026-11-22')],
    });
    expect(queue.size).toBe(3);

    await expect(queue.flush(store, 1)).rejects.toThrow('down');
    expect(queue.size).toBe(3);

    fail = false;
    await queue.flush(store, 2);
    expect(queue.size).toBe(0);
    await queue.flush(store, 3); // nothing queued: no call
    expect(calls).toEqual([
      {
        buckets: {
          hours: [bucket('a', '2026-11-22 10:00:00'), bucket('b', '2026-11-22 10:00:00')],
          days: [bucket('a', '2026-11-22')],
        },
        version: 1,
      },
      {
        buckets: {
          hours: [bucket('a', '2026-11-22 10:00:00'), bucket('b', '2026-11-22 10:00:00')],
          days: [bucket('a', '2026-11-22')],
        },
        version: 2,
      },
    ]);
  });
});
