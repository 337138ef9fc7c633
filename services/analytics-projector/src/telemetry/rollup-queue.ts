import { TouchedMinutes } from './reading.projection';
import { type TelemetryStore } from './telemetry.store';

/**
 * Minutes whose rollup fragments are due, gathered across chunks and partitions so that each is
 * recomputed once per flush rather than once per chunk: a recomputation costs a query and a scan
 * of the minute whatever the number of new readings, so under load most of that cost is shared.
 */
export class RollupQueue {
  private minutes = new TouchedMinutes();

  add(minutes: TouchedMinutes): void {
    this.minutes.merge(minutes);
  }

  /** Everything queued so far, removed from the queue. */
  take(): TouchedMinutes {
    const taken = this.minutes;
    this.minutes = new TouchedMinutes();
    return taken;
  }

  /** Recomputes taken minutes; on failure they are queued again and the error rethrown. */
  async recompute(store: TelemetryStore, taken: TouchedMinutes, version: number): Promise<void> {
    if (taken.empty) return;
    try {
      await store.recomputeMinutes(taken, version);
    } catch (error) {
      this.add(taken);
      throw error;
    }
  }
}
