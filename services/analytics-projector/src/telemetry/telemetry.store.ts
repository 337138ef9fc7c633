import { type Bucket, type ReadingRow } from './reading.projection';

/**
 * Where the telemetry projection writes. Both writes must be idempotent: a batch is written again
 * after a crash between the write and the offset commit.
 */
export interface TelemetryStore {
  writeReadings(rows: readonly ReadingRow[]): Promise<void>;
  /** Recomputes the rollups of these buckets from the deduplicated readings. */
  recomputeRollups(
    buckets: { hours: readonly Bucket[]; days: readonly Bucket[] },
    version: number,
  ): Promise<void>;
}

export const TELEMETRY_STORE = Symbol('TELEMETRY_STORE');
