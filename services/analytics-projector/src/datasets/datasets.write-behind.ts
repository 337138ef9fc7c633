import {
  appendRows,
  countRows,
  type DatasetRow,
  type DatasetTable,
  type TableRows,
} from './dataset-projections';
import { writeTables, type DatasetStore } from './datasets.store';

/**
 * Dataset rows gathered across chunks and partitions and inserted together, one insert per table
 * per flush, so ClickHouse gets a few large inserts instead of one per chunk (each insert is a
 * part to merge). The consumer calls `flush` on a timer and commits a chunk's offsets only once
 * a flush that started after the chunk was handled succeeded.
 *
 * Past `maxRows` held, the rows are inserted early, in the background: the consumer decodes the
 * next chunks while ClickHouse writes (on two cores, a replay spends about as long in each). At
 * most one early insert runs at a time; the next chunk past the limit waits for it. Memory stays
 * within twice `maxRows` plus a chunk.
 */
export class DatasetWriteBehind {
  private held: TableRows = new Map();
  /** The early insert under way; it never rejects (a failure holds its rows again). */
  private inflight: Promise<void> | undefined;

  constructor(
    private readonly store: DatasetStore,
    /** Rows held before they are inserted without waiting for the flush. */
    private readonly maxRows: number,
  ) {}

  /**
   * Holds a chunk's rows, and starts an early insert once `maxRows` are held. Throws — and holds
   * nothing of the chunk, which the consumer retries with backoff — only when an early insert
   * failed and inserting its rows again failed too: then ClickHouse is not taking rows, and
   * holding more would only grow memory.
   */
  async add(rows: TableRows): Promise<void> {
    if (countRows(this.held) + countRows(rows) >= this.maxRows) {
      await this.settle();
      if (countRows(this.held) >= this.maxRows) {
        // An early insert failed and its rows are held again: write them before taking more.
        await this.write(this.take());
      }
    }
    for (const [table, list] of rows) appendRows(this.held, table, list);
    if (countRows(this.held) >= this.maxRows) this.insertEarly();
  }

  /**
   * Inserts everything held, once no early insert is under way; true when it all succeeded.
   * What it covers is every row added before the call: those still held, and those of the early
   * insert it waits for (held again if that failed).
   */
  async flush(_final: boolean): Promise<boolean> {
    await this.settle();
    // No await between the check in `settle` and this take: nothing can slip out in between.
    await this.write(this.take());
    return true;
  }

  /** Rows held now, early insert excluded (for tests and logs). */
  get size(): number {
    return countRows(this.held);
  }

  private insertEarly(): void {
    const taken = this.take();
    this.inflight = writeTables(this.store, taken)
      .then(({ failed }) => {
        // Held again; the next chunk past the limit, or the next flush, writes them and reports
        // the error if it persists.
        for (const [table, list] of failed) this.holdAgain(table, list);
      })
      .finally(() => {
        this.inflight = undefined;
      });
  }

  private async settle(): Promise<void> {
    while (this.inflight) await this.inflight;
  }

  private async write(rows: TableRows): Promise<void> {
    const { failed, error } = await writeTables(this.store, rows);
    if (error === undefined) return;
    for (const [table, list] of failed) this.holdAgain(table, list);
    throw error;
  }

  private take(): TableRows {
    const taken = this.held;
    this.held = new Map();
    return taken;
  }

  /** Held again, ahead of what arrived meanwhile; the tables dedupe a retry. */
  private holdAgain(table: DatasetTable, rows: readonly DatasetRow[]): void {
    if (rows.length === 0) return;
    this.held.set(table, [...rows, ...(this.held.get(table) ?? [])]);
  }
}
