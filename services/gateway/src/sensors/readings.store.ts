/** One reading as stored: the latest version of it. */
export interface StoredReading {
  id: string;
  sensorId: string;
  /** Epoch milliseconds. */
  timestampMs: number;
  temperature: number | null;
  pressure: number | null;
  humidity: number | null;
  metrics: Record<string, number>;
  version: number;
  /** The id its client gave it when recording it; null when none. */
  clientId: string | null;
}

export interface ReadingFilter {
  sensorId?: string;
  /** Inclusive, epoch ms. */
  fromMs?: number;
  /** Exclusive, epoch ms. */
  toMs?: number;
  minTemperature?: number;
  maxTemperature?: number;
  minPressure?: number;
  maxPressure?: number;
}

/** Readings are ordered by (timestamp, sensor, id); a page starts after this key. */
export interface ReadingKey {
  timestampMs: number;
  sensorId: string;
  id: string;
}

export type Interval = 'hour' | 'day';

export interface MetricSummary {
  count: number;
  min: number | null;
  max: number | null;
  avg: number | null;
  p50: number | null;
  p95: number | null;
}

export interface Aggregate {
  sensorId: string;
  /** Epoch ms of the bucket's start (UTC). */
  bucketStartMs: number;
  readings: number;
  temperature: MetricSummary;
  pressure: MetricSummary;
  humidity: MetricSummary;
}

export interface AggregateFilter {
  interval: Interval;
  sensorId?: string;
  /** Buckets starting at or after this instant, epoch ms. */
  fromMs?: number;
  /** Buckets starting before this instant, epoch ms. */
  toMs?: number;
}

/** Buckets are ordered by (sensor, start); a page starts after this key. */
export interface AggregateKey {
  sensorId: string;
  bucketStartMs: number;
}

/** The telemetry read model (ClickHouse tables the analytics-projector maintains). */
export interface ReadingsStore {
  list(
    filter: ReadingFilter,
    after: ReadingKey | undefined,
    limit: number,
  ): Promise<StoredReading[]>;
  get(id: string): Promise<StoredReading | undefined>;
  aggregates(
    filter: AggregateFilter,
    after: AggregateKey | undefined,
    limit: number,
  ): Promise<Aggregate[]>;
}

export const READINGS_STORE = Symbol('READINGS_STORE');
