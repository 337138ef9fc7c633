import { type Minute } from './reading.projection';
import { type TelemetryStore } from './telemetry.store';

/**
 * Minutes whose rollup fragments are due, gathered across chunks and partitions so that each is
 * recomputed once per flush rather than once per chunk: a recomputation costs a query and a scan
 * of the minute whatever the number of new readings, so under load most of that cost is shared.
 */
export class RollupQueue {
  private minutes = new Map<string, Minute>();

  add(minutes: readonly Minute[]): void {
    for (const m of minutes) this.minutes.set(`${m.sensor_id}\u0000${m.start}`, m);
  }

  /** Everything queued so far, removed from the queue. */
  take(): Minute[] {
    const taken = [...this.minutes.values()];
    this.minutes = new Map();
    return taken;
  }

  /** Recomputes taken minutes; on failure they are queued again and the error rethrown. */
  async recompute(store: TelemetryStore, taken: readonly Minute[], version: number): Promise<void> {
    if (taken.length === 0) return;
    try {
      await store.recomputeMinutes(taken, version);
    } catch (error) {
      this.add(taken);
      throw error;
    }
  }
}
