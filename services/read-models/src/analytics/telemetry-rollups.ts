/**
 * How an hourly or daily rollup of readings is read: merged from the bucket's minutes
 * (`telemetry_minutes`, migration 0002), which analytics-projector keeps exact. One definition for
 * the gateway that serves the figures and the projector's tests that check them.
 */

/** The measurements a rollup summarises, each a `<metric>_values` column of the minutes. */
export const ROLLUP_METRICS = ['temperature', 'pressure', 'humidity'] as const;

/** What a rollup gives of each metric (count, min, max, avg, p50, p95), named `<metric>_<figure>`. */
export const ROLLUP_FIGURES = ['count', 'min', 'max', 'avg', 'p50', 'p95'] as const;

export type RollupInterval = 'hour' | 'day';

/**
 * The bucket of a time column (`minute` of telemetry_minutes, `hour` of telemetry_sensor_hours):
 * the start of its hour (DateTime) or its day (Date), UTC.
 */
export function rollupBucket(interval: RollupInterval, column = 'minute'): string {
  return interval === 'hour' ? `toStartOfHour(${column})` : `toDate(${column})`;
}

function metricFigures(metric: (typeof ROLLUP_METRICS)[number]): string[] {
  const values = `${metric}_values`;
  const count = `sum(length(${values}))`;
  // A metric no reading of the bucket reported has count 0 and no statistics, not zeros.
  const unlessEmpty = (expression: string) => `if(${count} = 0, NULL, ${expression})`;
  // quantileExact: the element at floor(level × n) of the sorted values, as the figures have
  // always been; one call gives both levels, so the values are gathered and sorted once.
  const quantiles = `quantilesExactArray(0.5, 0.95)(${values})`;
  return [
    `${count} AS ${metric}_count`,
    `${unlessEmpty(`minArray(${values})`)} AS ${metric}_min`,
    `${unlessEmpty(`maxArray(${values})`)} AS ${metric}_max`,
    `${unlessEmpty(`avgArray(${values})`)} AS ${metric}_avg`,
    `${unlessEmpty(`${quantiles}[1]`)} AS ${metric}_p50`,
    `${unlessEmpty(`${quantiles}[2]`)} AS ${metric}_p95`,
  ];
}

/**
 * The SELECT list of a rollup: `sensor_id`, `bucket`, `readings` and each metric's figures, to
 * be read `FROM telemetry_minutes FINAL` (a minute recomputed twice is kept once, at its newest)
 * and grouped `BY sensor_id, bucket`. Which sensors a time range holds is quicker to find in
 * `telemetry_sensor_hours` (its key starts with the hour).
 */
export function rollupColumns(interval: RollupInterval): string {
  return [
    'sensor_id',
    `${rollupBucket(interval)} AS bucket`,
    'sum(reading_count) AS readings',
    ...ROLLUP_METRICS.flatMap(metricFigures),
  ].join(',\n       ');
}
