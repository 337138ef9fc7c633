import { touchedMinutes, type ReadingRow } from './reading.projection';
import { RollupQueue } from './rollup-queue';
import { type TelemetryStore } from './telemetry.store';

export interface WriteBehindOptions {
  /** Rows held before they are inserted without waiting for the flush (bounds memory). */
  readonly maxRows: number;
  /** Rollups are recomputed at most this often, ms. */
  readonly rollupIntervalMs: number;
}

/**
 * Telemetry writes gathered across chunks and partitions, so ClickHouse receives a few large
 * inserts instead of one per chunk (each insert is a part to merge later), and each touched
 * minute's rollup fragment is recomputed once per rollup interval. The consumer calls `flush` on a
 * timer and commits offsets only when it reports everything done.
 */
export class TelemetryWriteBehind {
  private rows: ReadingRow[] = [];
  private readonly rollups = new RollupQueue();
  private lastRollupAt = 0;

  constructor(
    private readonly store: TelemetryStore,
    private readonly options: WriteBehindOptions,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Queues a chunk's rows; inserts at once when too many are held. */
  async add(rows: readonly ReadingRow[]): Promise<void> {
    this.rows.push(...rows);
    this.rollups.add(touchedMinutes(rows));
    if (this.rows.length >= this.options.maxRows) {
      const taken = this.rows;
      this.rows = [];
      await this.insert(taken);
    }
  }

  /**
   * Inserts the held rows and, when due (or `final`), recomputes the queued minutes. True when
   * everything added before the call is in ClickHouse, rollups included. What it covers is taken
   * before its first await.
   */
  async flush(final: boolean): Promise<boolean> {
    const rows = this.rows;
    this.rows = [];
    const due = final || this.clock() - this.lastRollupAt >= this.options.rollupIntervalMs;
    const minutes = due ? this.rollups.take() : undefined;
    try {
      await this.insert(rows);
    } catch (error) {
      if (minutes) this.rollups.add(minutes);
      throw error;
    }
    if (!minutes) return false;
    const now = this.clock();
    await this.rollups.recompute(this.store, minutes, now);
    this.lastRollupAt = now;
    return true;
  }

  private async insert(rows: ReadingRow[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.store.writeReadings(rows);
    } catch (error) {
      // Held again, ahead of what arrived meanwhile; the readings table dedupes a retry.
      this.rows = rows.concat(this.rows);
      throw error;
    }
  }
}
