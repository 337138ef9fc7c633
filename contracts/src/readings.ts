/**
 * A sensor reading's rules, one definition for every way a reading enters Tributary: the HTTP
 * body (the gateway and sensor-ingest validate with `readingInputSchema`, built from these),
 * telemetry files (file-ingest's `telemetry.readings` columns) and external producers
 * (`EventPublisher` checks each reading with `readingProblems` before it sends). Plain data: the
 * web console bundles this module too.
 */

/** A sensor id: safe in a URL path (`/v1/sensors/{sensorId}/readings`) and in a file name. */
export const SENSOR_ID = {
  pattern: /^[A-Za-z0-9._:-]{1,128}$/,
  message: 'must be 1 to 128 letters, digits or . _ : -',
} as const;

/** The measurements a reading may carry and their physical bounds (inclusive). */
export const MEASUREMENT_BOUNDS = {
  /** Degrees Celsius: nothing is colder than absolute zero. */
  temperature: { min: -273.15, max: 1e6 },
  /** Hectopascals. */
  pressure: { min: 0, max: 1e7 },
  /** Relative humidity, percent. */
  humidity: { min: 0, max: 100 },
} as const;

export type Measurement = keyof typeof MEASUREMENT_BOUNDS;
export const MEASUREMENTS = Object.keys(MEASUREMENT_BOUNDS) as Measurement[];

/** What a bound's breach is called, for every path alike. */
export const boundsMessage = (measurement: Measurement): string =>
  `must be between ${MEASUREMENT_BOUNDS[measurement].min} and ${MEASUREMENT_BOUNDS[measurement].max}`;

/** A reading needs one of the three measurements; this names the rule. */
export const ONE_MEASUREMENT_MESSAGE =
  'at least one of temperature, pressure, humidity is required';

/** The fields of a reading the rules look at, as every path has them. */
export interface ReadingValues {
  readonly sensor_id: string;
  readonly temperature?: number | null;
  readonly pressure?: number | null;
  readonly humidity?: number | null;
}

/** Every rule `reading` breaks, each as `field: message`; empty when it holds. */
export function readingProblems(reading: ReadingValues): string[] {
  const problems: string[] = [];
  if (!SENSOR_ID.pattern.test(reading.sensor_id)) problems.push(`sensor_id: ${SENSOR_ID.message}`);
  let measured = 0;
  for (const measurement of MEASUREMENTS) {
    const value = reading[measurement];
    if (value === null || value === undefined) continue;
    measured += 1;
    const { min, max } = MEASUREMENT_BOUNDS[measurement];
    if (!Number.isFinite(value) || value < min || value > max)
      problems.push(`${measurement}: ${boundsMessage(measurement)}`);
  }
  if (measured === 0) problems.push(`temperature: ${ONE_MEASUREMENT_MESSAGE}`);
  return problems;
}
