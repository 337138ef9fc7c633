import { type Bucket } from './reading.projection';
import { type TelemetryStore } from './telemetry.store';

export interface QueuedBuckets {
  readonly hours: readonly Bucket[];
  readonly days: readonly Bucket[];
}

/**
 * Buckets whose rollups are due, gathered across chunks and partitions so that each is
 * recomputed once per flush rather than once per chunk: a recomputation costs a query and a scan
 * of its buckets whatever the number of new readings, so under load most of that cost is shared.
 */
export class RollupQueue {
  private hours = new Map<string, Bucket>();
  private days = new Map<string, Bucket>();

  add(buckets: QueuedBuckets): void {
    for (const b of buckets.hours) this.hours.set(`${b.sensor_id}\u0000${b.start}`, b);
    for (const b of buckets.days) this.days.set(`${b.sensor_id}\u0000${b.start}`, b);
  }

  get size(): number {
    return this.hours.size + this.days.size;
  }

  /** Everything queued so far, removed from the queue. */
  take(): QueuedBuckets {
    const taken = { hours: [...this.hours.values()], days: [...this.days.values()] };
    this.hours = new Map();
    this.days = new Map();
    return taken;
  }

  /** Recomputes taken buckets; on failure they are queued again and the error rethrown. */
  async recompute(store: TelemetryStore, taken: QueuedBuckets, version: number): Promise<void> {
    if (taken.hours.length + taken.days.length === 0) return;
    try {
      await store.recomputeRollups(taken, version);
    } catch (error) {
      this.add(taken);
      throw error;
    }
  }
}
