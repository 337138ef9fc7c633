import {
  clickHouseDateTime,
  clickHouseDateTimeMs,
  TouchedMinutes,
  type MinuteRow,
  type ReadingRow,
} from './reading.projection';
import { type TelemetryStore } from './telemetry.store';

/** Sensors followed at most; readings of any further sensor have their minutes recomputed. */
const MAX_SENSORS = 100_000;

/**
 * Readings held in open minutes at most (their ids and values, ~50 B each): past it every open
 * minute is closed, and their next readings recomputed, until each sensor moves to a new minute.
 */
const MAX_HELD_READINGS = 500_000;

/**
 * A sensor's latest minute with every reading ClickHouse holds in it, all inserted by this
 * projector since the minute began: its rollup is extended here, reading by reading.
 */
interface OpenMinute {
  readonly sensor: string;
  readonly minute: number;
  /** Its readings' ids: the first alone until a second comes (most minutes hold one or few). */
  first: string;
  ids: Set<string> | undefined;
  count: number;
  readonly temperature: number[];
  readonly pressure: number[];
  readonly humidity: number[];
}

interface SensorState {
  /** The time (ms) up to which ClickHouse may hold readings of the sensor, as far as known. */
  reach: number;
  /** Whether `reach` was read from ClickHouse since the sensor's partition last may have moved. */
  learned: boolean;
  open: OpenMinute | undefined;
}

/** What a flush writes: minutes computed here, and minutes to recompute from the table. */
export interface DueRollups {
  /** Their `computed_version` is set when they are written. */
  readonly computed: readonly MinuteRow[];
  readonly recompute: TouchedMinutes;
}

const ascending = (a: number, b: number) => a - b;

const NONE: number[] = [];

/**
 * The values sorted, copied (the open minute may grow after this). Sorted in place first: a live
 * minute is written again each flush, and a sorted run with a few new values after it sorts in
 * linear time.
 */
const sorted = (values: number[]): number[] =>
  values.length === 0 ? NONE : values.length === 1 ? [values[0]!] : values.sort(ascending).slice();

/** An open minute's rollup as the recomputation would make it: the count, each value sorted. */
const rowOf = (open: OpenMinute): MinuteRow => ({
  sensor_id: open.sensor,
  minute: new Date(open.minute),
  reading_count: open.count,
  temperature_values: sorted(open.temperature),
  pressure_values: sorted(open.pressure),
  humidity_values: sorted(open.humidity),
  computed_version: 0,
});

const holds = (open: OpenMinute, id: string): boolean =>
  open.ids ? open.ids.has(id) : open.first === id;

/**
 * Minutes whose rollup fragments are due, gathered across chunks and partitions so that each is
 * written once per flush rather than once per chunk.
 *
 * A minute that starts after every reading ClickHouse holds of its sensor (a live sensor's next
 * minute, a backfill's, a replay into an empty table) is opened here and kept with its readings'
 * ids and values while readings keep coming in it: its rollup is computed in memory and ClickHouse
 * only stores it. Any other minute (a duplicate reading, a correction, a late reading, a minute a
 * reading reached before this member owned the sensor) is recomputed from the deduplicated
 * readings, which costs ClickHouse a read of the minute back: about 5 µs of its CPU per reading,
 * against 2–3 for the insert alone.
 */
export class RollupQueue {
  private readonly sensors = new Map<string, SensorState>();
  private recompute = new TouchedMinutes();
  /** Open minutes with readings not yet written. */
  private dirty = new Set<OpenMinute>();
  /** Minutes computed here whose write failed, and which will not change again. */
  private unwritten: MinuteRow[] = [];
  private held = 0;
  /** Possible moves seen: a reach read across one is not trusted. */
  private moves = 0;
  private lastMinute = Number.NaN;
  private lastStart = '';

  /**
   * Reads how far ClickHouse holds readings of `rows`' sensors, for each not read since its
   * partition last may have moved; call it before the rows are inserted, or it would count them.
   */
  async learn(rows: readonly ReadingRow[], store: TelemetryStore): Promise<void> {
    const unknown = new Set<string>();
    for (const row of rows) {
      const state = this.sensors.get(row.sensor_id);
      if (state ? !state.learned : this.sensors.size + unknown.size < MAX_SENSORS)
        unknown.add(row.sensor_id);
    }
    if (unknown.size === 0) return;
    const moves = this.moves;
    const stored = await store.minutesReach([...unknown]);
    // Read across a possible move: it may predate another member's writes. Read next time.
    if (moves !== this.moves) return;
    for (const sensor of unknown) {
      const reach = stored.get(sensor) ?? Number.NEGATIVE_INFINITY;
      const state = this.sensors.get(sensor);
      // What this member inserted before a move is counted even if its rollup is not written.
      if (state) {
        state.reach = Math.max(state.reach, reach);
        state.learned = true;
      } else this.sensors.set(sensor, { reach, learned: true, open: undefined });
    }
  }

  /**
   * Queues the minutes of `rows`, which are inserted, in one go (no await may split a batch).
   */
  add(rows: readonly ReadingRow[]): void {
    for (const row of rows) {
      const ms = row.ts.getTime();
      const minute = ms - (ms % 60_000); // times are from 1970 on (`instant`), so never negative
      const state = this.sensors.get(row.sensor_id);
      if (!state?.learned) {
        // Not read since the group was joined: recomputed, and still counted, so that once the
        // sensor is read a minute opens only after these rows.
        if (state) state.reach = Math.max(state.reach, ms);
        else if (this.sensors.size < MAX_SENSORS)
          this.sensors.set(row.sensor_id, { reach: ms, learned: false, open: undefined });
        this.touch(minute, row.sensor_id);
        continue;
      }
      const open = state.open;
      if (open?.minute === minute) {
        if (holds(open, row.reading_id)) {
          // A reading again (duplicate or correction): the table's deduplication decides.
          state.open = undefined;
          this.dirty.delete(open);
          this.touch(minute, row.sensor_id);
        } else this.extend(open, row);
      } else if (minute > state.reach) {
        const opened: OpenMinute = {
          sensor: row.sensor_id,
          minute,
          first: row.reading_id,
          ids: undefined,
          count: 0,
          temperature: [],
          pressure: [],
          humidity: [],
        };
        state.open = opened;
        this.extend(opened, row);
      } else this.touch(minute, row.sensor_id);
      if (ms > state.reach) state.reach = ms;
    }
  }

  /**
   * After this member (re)joined its group, or went a session unheard (frozen): another may have
   * written these sensors meanwhile, so what is known of each is read again, and minutes computed
   * here are recomputed from the table.
   */
  mayHaveMoved(): void {
    this.moves++;
    for (const open of this.dirty) this.touch(open.minute, open.sensor);
    this.dirty.clear();
    for (const row of this.unwritten) this.touch(row.minute.getTime(), row.sensor_id);
    this.unwritten = [];
    for (const state of this.sensors.values()) {
      state.learned = false;
      state.open = undefined;
    }
  }

  /** Everything queued so far, removed from the queue. */
  take(): DueRollups {
    const recompute = this.recompute;
    // A minute recomputed is not also written from here (its readings went beyond what is here).
    const recomputed = new Map<number, ReadonlySet<string>>();
    for (const [start, sensors] of recompute.byTime())
      recomputed.set(clickHouseDateTimeMs(start), sensors);
    const computed: MinuteRow[] = [];
    for (const open of this.dirty)
      if (!recomputed.get(open.minute)?.has(open.sensor)) computed.push(rowOf(open));
    for (const row of this.unwritten)
      if (!recomputed.get(row.minute.getTime())?.has(row.sensor_id)) computed.push(row);
    this.recompute = new TouchedMinutes();
    this.dirty = new Set();
    this.unwritten = [];
    return { computed, recompute };
  }

  /** Writes taken minutes; on failure they are queued again and the error rethrown. */
  async write(store: TelemetryStore, taken: DueRollups, version: number): Promise<void> {
    try {
      if (taken.computed.length > 0) {
        for (const row of taken.computed) row.computed_version = version;
        await store.writeMinutes(taken.computed);
      }
      if (!taken.recompute.empty) await store.recomputeMinutes(taken.recompute, version);
    } catch (error) {
      for (const row of taken.computed) {
        const open = this.sensors.get(row.sensor_id)?.open;
        // Still open: written next time as it is then; otherwise it will not change.
        if (open?.minute === row.minute.getTime()) this.dirty.add(open);
        else this.unwritten.push(row);
      }
      this.recompute.merge(taken.recompute);
      throw error;
    }
  }

  private extend(open: OpenMinute, row: ReadingRow): void {
    if (++this.held > MAX_HELD_READINGS) {
      // Counted as added, not as released: a sensor's earlier open minutes count until now.
      for (const state of this.sensors.values()) state.open = undefined;
      this.held = 1;
    }
    if (open.count > 0) (open.ids ??= new Set([open.first])).add(row.reading_id);
    open.count++;
    if (row.temperature !== null) open.temperature.push(row.temperature);
    if (row.pressure !== null) open.pressure.push(row.pressure);
    if (row.humidity !== null) open.humidity.push(row.humidity);
    this.dirty.add(open);
  }

  private touch(minute: number, sensor: string): void {
    // Many sensors share each minute: its text is made once per run of them.
    if (minute !== this.lastMinute) {
      this.lastMinute = minute;
      this.lastStart = clickHouseDateTime(new Date(minute));
    }
    this.recompute.touch(sensor, this.lastStart);
  }
}
