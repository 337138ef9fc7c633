/** What a rollup says about a bucket's values: count, min, max, avg, p50 and p95. */
export interface ExactSummary {
  count: number;
  min: number | null;
  max: number | null;
  avg: number | null;
  p50: number | null;
  p95: number | null;
}

/**
 * The figures of a bucket computed from its values alone, as tests expect them of the rollups:
 * the percentiles by ClickHouse's `quantileExact` definition (the element at floor(level × n) of
 * the sorted values), nulls for an empty bucket.
 */
export function exactSummary(values: readonly number[]): ExactSummary {
  if (values.length === 0)
    return { count: 0, min: null, max: null, avg: null, p50: null, p95: null };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (level: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(level * sorted.length))]!;
  return {
    count: sorted.length,
    min: sorted[0]!,
    max: sorted.at(-1)!,
    avg: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
    p50: at(0.5),
    p95: at(0.95),
  };
}
