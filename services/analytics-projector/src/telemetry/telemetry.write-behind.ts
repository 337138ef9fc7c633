import { type ReadingRow } from './reading.projection';
import { RollupQueue } from './rollup-queue';
import { type TelemetryStore } from './telemetry.store';

export interface WriteBehindOptions {
  /** Rows held before they are inserted without waiting for the flush (bounds memory). */
  readonly maxRows: number;
  /** Rollups are written at most this often, ms. */
  readonly rollupIntervalMs: number;
}

/**
 * Telemetry writes gathered across chunks and partitions, so ClickHouse receives a few large
 * inserts instead of one per chunk (each insert is a part to merge later), and each touched
 * minute's rollup fragment is written once per rollup interval: computed here while the minute
 * holds only readings this projector inserted, recomputed from the table otherwise (RollupQueue).
 * The consumer calls `flush` on a timer and commits offsets only when it reports everything done.
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
    if (this.rows.length >= this.options.maxRows) {
      const taken = this.rows;
      this.rows = [];
      await this.insert(taken);
    }
  }

  /**
   * Inserts the held rows and, when due (or `final`), recomputes the queued minutes. True when
   * everything added before the call whose insert has finished is in ClickHouse, rollups
   * included: a chunk's handler returns only once its rows are inserted, so every chunk the
   * consumer counts as done is covered.
   */
  async flush(final: boolean): Promise<boolean> {
    const rows = this.rows;
    this.rows = [];
    await this.insert(rows);
    if (!(final || this.clock() - this.lastRollupAt >= this.options.rollupIntervalMs)) return false;
    const minutes = this.rollups.take();
    const now = this.clock();
    await this.rollups.write(this.store, minutes, now);
    this.lastRollupAt = now;
    return true;
  }

  /**
   * Inserts rows, then queues their minutes: a minute is queued only once its rows are in, so a
   * flush running beside an early insert of `add` cannot recompute a minute without them and
   * leave it so (a sparse sensor's minute may never be touched again). How far the sensors' stored
   * minutes reach is read before the rows go in, or it would count them.
   */
  private async insert(rows: ReadingRow[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.rollups.learn(rows, this.store);
      await this.store.writeReadings(rows);
    } catch (error) {
      // Held again, ahead of what arrived meanwhile; the readings table dedupes a retry.
      this.rows = rows.concat(this.rows);
      throw error;
    }
    this.rollups.add(rows);
  }

  /**
   * The consumer (re)joined its group, or the group has not heard from it for a session: another
   * member may have written its sensors, so what it knew of them may be stale.
   */
  mayHaveMoved(): void {
    this.rollups.mayHaveMoved();
  }
}
