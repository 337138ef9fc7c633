import { type Bucket } from './reading.projection';
import { type TelemetryStore } from './telemetry.store';

/**
 * Buckets whose rollups are due, gathered across chunks and partitions so that each is
 * recomputed once per flush rather than once per chunk: a recomputation costs a scan of its
 * buckets whatever the number of new readings, so under load most of that cost is shared.
 */
export class RollupQueue {
  private hours = new Map<string, Bucket>();
  private days = new Map<string, Bucket>();

  add(buckets: { hours: readonly Bucket[]; days: readonly Bucket[] }): void {
    for (const b of buckets.hours) this.hours.set(`${b.sensor_id}\u0000${b.start}`, b);
    for (const b of buckets.days) this.days.set(`${b.sensor_id}\u0000${b.start}`, b);
  }

  get size(): number {
    return this.hours.size + this.days.size;
  }

  /**
   * Recomputes every bucket queued so far. What it covers is taken before its first await, so a
   * chunk handled while it runs waits for the next flush. On failure the buckets are queued again.
   */
  async flush(store: TelemetryStore, version: number): Promise<void> {
    const taken = { hours: this.hours, days: this.days };
    this.hours = new Map();
    this.days = new Map();
    if (taken.hours.size + taken.days.size === 0) return;
    try {
      await store.recomputeRollups(
        { hours: [...taken.hours.values()], days: [...taken.days.values()] },
        version,
      );
    } catch (error) {
      this.add({ hours: [...taken.hours.values()], days: [...taken.days.values()] });
      throw error;
    }
  }
}
