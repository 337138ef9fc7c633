/**
 * A sensor reading's rules, one definition for every way a reading enters Tributary: the HTTP
 * body (the gateway validates it with `readingInputSchema`, built from these, and sensor-ingest
 * trusts what the gateway sends),
 * telemetry files (file-ingest's `telemetry.readings` columns) and external producers
 * (`EventPublisher` checks each reading with `readingProblems` before it sends). Plain data: the
 * web console bundles this module too. The rules themselves are the `telemetry.readings` dataset's
 * declaration (`datasets.ts`); this module gives them the shape a single reading is checked in.
 */
import { anyOfMessage, fieldOf, SENSOR_ID } from './dataset-declaration';
import { DATASET_DECLARATIONS } from './datasets';

export { SENSOR_ID } from './dataset-declaration';

const READINGS = DATASET_DECLARATIONS['telemetry.readings'];

/** The measurements a reading may carry, each with its physical bounds (the dataset's). */
export const MEASUREMENT_BOUNDS = {
  temperature: fieldOf(READINGS, 'temperature').bounds!,
  pressure: fieldOf(READINGS, 'pressure').bounds!,
  humidity: fieldOf(READINGS, 'humidity').bounds!,
} as const;

export type Measurement = keyof typeof MEASUREMENT_BOUNDS;
export const MEASUREMENTS = Object.keys(MEASUREMENT_BOUNDS) as Measurement[];

/** What a bound's breach is called, for every path alike. */
export const boundsMessage = (measurement: Measurement): string =>
  `must be between ${MEASUREMENT_BOUNDS[measurement].min} and ${MEASUREMENT_BOUNDS[measurement].max}`;

/** A reading needs one of the three measurements (the dataset's `any-of` rule); this names it. */
export const ONE_MEASUREMENT_MESSAGE = anyOfMessage(MEASUREMENTS);

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
