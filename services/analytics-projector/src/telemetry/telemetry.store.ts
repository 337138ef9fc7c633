import { type MinuteRow, type ReadingRow, type TouchedMinutes } from './reading.projection';

/**
 * Where the telemetry projection writes. Both writes must be idempotent: a batch is written again
 * after a crash between the write and the offset commit.
 */
export interface TelemetryStore {
  writeReadings(rows: readonly ReadingRow[]): Promise<void>;
  /**
   * Recomputes these minutes' rollup fragments from the deduplicated readings; `version` (the
   * projector's clock, ms) makes the newest computation of a minute the one read.
   */
  recomputeMinutes(minutes: TouchedMinutes, version: number): Promise<void>;
  /** Writes minutes computed from their readings (each holds every reading of its minute). */
  writeMinutes(rows: readonly MinuteRow[]): Promise<void>;
  /**
   * How far each sensor's stored minutes reach: the end (ms, inclusive) of its latest minute;
   * sensors without any are left out.
   */
  minutesReach(sensorIds: readonly string[]): Promise<Map<string, number>>;
}

export const TELEMETRY_STORE = Symbol('TELEMETRY_STORE');
