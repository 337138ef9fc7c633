import { z } from 'zod';
import {
  boundsMessage,
  MEASUREMENT_BOUNDS,
  ONE_MEASUREMENT_MESSAGE,
  SENSOR_ID,
  type Measurement,
} from '../readings';

/**
 * The gateway ↔ sensor-ingest contract (Nest microservices over TCP). A reading is parsed and
 * validated once, at the edge: the gateway checks the HTTP body with `readingInputSchema` (a
 * client's error reported by index and field), then sends sensor-ingest the readings already
 * normalised (`ValidatedReading`), which sensor-ingest trusts after a check of their shape only.
 */
/**
 * `.v3`: the call carries `ValidatedReading` tuples (v2) inside a `ServiceMessage` with the
 * service credential (v3). A gateway and a sensor-ingest of different versions (a rolling deploy)
 * then find no handler for each other's pattern, which the gateway answers 503 with Retry-After,
 * rather than refusing a client's valid readings as invalid (400) or unauthenticated.
 */
export const RECORD_READINGS = 'sensors.readings.record.v3';
export const MAX_READINGS_PER_REQUEST = 10_000;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const bounded = (measurement: Measurement) =>
  finite
    .min(MEASUREMENT_BOUNDS[measurement].min, boundsMessage(measurement))
    .max(MEASUREMENT_BOUNDS[measurement].max, boundsMessage(measurement));

/** The measurements a reading carries, with their physical bounds (`readings.ts`). */
const measurement = {
  temperature: bounded('temperature'),
  pressure: bounded('pressure'),
  humidity: bounded('humidity'),
  metrics: z.record(
    z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'metric names are snake_case'),
    finite,
  ),
};

/** A sensor id, by the one rule of `readings.ts`. */
export const sensorIdSchema = z.string().regex(SENSOR_ID.pattern, SENSOR_ID.message);

export const readingInputSchema = z
  .strictObject({
    /** The client's idempotency key: sending it again never records the reading twice. */
    id: z.string().min(1).max(128).optional(),
    sensor_id: sensorIdSchema,
    timestamp: z.iso.datetime({
      offset: true,
      message: 'must be an ISO-8601 date-time with a time zone',
    }),
    temperature: measurement.temperature.optional(),
    pressure: measurement.pressure.optional(),
    humidity: measurement.humidity.optional(),
    metrics: measurement.metrics.optional(),
  })
  .refine(
    (r) => r.temperature !== undefined || r.pressure !== undefined || r.humidity !== undefined,
    { message: ONE_MEASUREMENT_MESSAGE, path: ['temperature'] },
  );

export type ReadingInput = z.infer<typeof readingInputSchema>;

/** A batch of readings as a client sends it: `{readings: [...]}`, 1 to 10,000 of them. */
export const readingsBatchSchema = z.strictObject({
  readings: z.array(readingInputSchema).min(1).max(MAX_READINGS_PER_REQUEST),
});

type Given<K extends keyof ReadingInput> = NonNullable<ReadingInput[K]> | null;

/**
 * A reading the gateway has validated (`readingInputSchema`), as it sends it on: a tuple, so a
 * 1,000-reading batch does not carry its field names a thousand times over the wire; the
 * timestamp already in epoch milliseconds; whatever the client left out null.
 */
export type ValidatedReading = [
  id: Given<'id'>,
  sensor_id: ReadingInput['sensor_id'],
  timestamp_ms: number,
  temperature: Given<'temperature'>,
  pressure: Given<'pressure'>,
  humidity: Given<'humidity'>,
  metrics: Given<'metrics'>,
];

/** The one place a checked reading becomes the RPC's tuple. */
export function validatedReading(r: ReadingInput): ValidatedReading {
  return [
    r.id ?? null,
    r.sensor_id,
    Date.parse(r.timestamp),
    r.temperature ?? null,
    r.pressure ?? null,
    r.humidity ?? null,
    r.metrics ?? null,
  ];
}

export interface RecordReadingsCommand {
  readings: ValidatedReading[];
  /** Correlation id of the HTTP request, carried into the events' trace_id and logs. */
  trace_id: string | null;
}

const TUPLE = '[id, sensor_id, timestamp_ms, temperature, pressure, humidity, metrics]';
const isStringOrNull = (v: unknown) => v === null || typeof v === 'string';
const isNumberOrNull = (v: unknown) => v === null || typeof v === 'number';

/**
 * What makes `payload` not a RecordReadingsCommand, by its shape alone (types and arity, not the
 * readings' rules, which the gateway checked): cheap, so sensor-ingest answers a malformed call
 * with READINGS.INVALID instead of failing further in. Values of the right type but wrong
 * (a metric value that is no number) still make Avro's writer refuse the event.
 */
export function recordReadingsCommandProblems(
  payload: unknown,
): { path: string; message: string }[] {
  const command = payload as Partial<Record<keyof RecordReadingsCommand, unknown>> | null;
  if (typeof command !== 'object' || command === null)
    return [{ path: '', message: 'must be {readings, trace_id}' }];
  const problems: { path: string; message: string }[] = [];
  if (!isStringOrNull(command.trace_id))
    problems.push({ path: 'trace_id', message: 'must be a string or null' });
  const { readings } = command;
  if (
    !Array.isArray(readings) ||
    readings.length < 1 ||
    readings.length > MAX_READINGS_PER_REQUEST
  ) {
    problems.push({
      path: 'readings',
      message: `must be 1 to ${MAX_READINGS_PER_REQUEST} readings`,
    });
    return problems;
  }
  readings.forEach((r: unknown, i) => {
    const ok =
      Array.isArray(r) &&
      r.length === 7 &&
      isStringOrNull(r[0]) &&
      typeof r[1] === 'string' &&
      Number.isSafeInteger(r[2]) &&
      isNumberOrNull(r[3]) &&
      isNumberOrNull(r[4]) &&
      isNumberOrNull(r[5]) &&
      (r[6] === null || (typeof r[6] === 'object' && !Array.isArray(r[6])));
    if (!ok) problems.push({ path: `readings[${i}]`, message: `must be ${TUPLE}` });
  });
  return problems;
}

/**
 * `.v3`: inside a `ServiceMessage` with the service credential (see RECORD_READINGS), and with the
 * reading's `client_id` (v2 had none: a sensor-ingest of v2 finds no handler, and the gateway
 * answers 503, rather than refusing the field).
 */
export const CORRECT_READING = 'sensors.readings.correct.v3';

/**
 * A correction of one stored reading: the gateway has looked the reading up (its sensor, time and
 * current version) and sends its new values. Sensor and timestamp identify the reading and do not
 * change; values not given are cleared, as a PUT replaces the reading.
 */
export const correctReadingCommandSchema = z.strictObject({
  reading_id: z.string().min(1).max(128),
  // The stored reading's, looked up by the gateway (not the client's input): as it was stored.
  sensor_id: z.string().min(1).max(128),
  timestamp: z.iso.datetime({ offset: true }),
  current_version: z.number().int().min(1),
  // The stored reading's client id, carried on so the correction does not clear it.
  client_id: z.string().min(1).max(128).nullable(),
  temperature: measurement.temperature.nullable(),
  pressure: measurement.pressure.nullable(),
  humidity: measurement.humidity.nullable(),
  metrics: measurement.metrics,
  reason: z.string().max(1_000).nullable(),
  trace_id: z.string().max(128).nullable(),
});

export type CorrectReadingCommand = z.infer<typeof correctReadingCommandSchema>;

export interface CorrectReadingReply {
  reading_id: string;
  version: number;
}

export interface RecordReadingsReply {
  accepted: number;
  /** The reading ids, in the order the readings were sent. */
  ids: string[];
}

/** What sensor-ingest answers instead of a reply; the gateway maps `code` to a problem. */
export interface RpcFailure {
  /** `RPC.UNAUTHENTICATED`: the message did not carry the service credential (nothing was done). */
  code: 'READINGS.INVALID' | 'EVENTS.UNAVAILABLE' | 'RPC.UNAUTHENTICATED' | 'INTERNAL';
  message: string;
  errors?: { path: string; message: string }[];
}

/** Every problem in a payload as `readings[3].humidity: …` paths, for a problem+json body. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.flatMap((issue) => {
    // An unknown field is reported at its own path, one entry per field.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: 'is not a known field',
      }));
    }
    return [
      {
        path: formatPath(issue.path),
        // zod reports a bad record key as "Invalid key in record" around the real reason.
        message:
          issue.code === 'invalid_key' && issue.issues[0] ? issue.issues[0].message : issue.message,
      },
    ];
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, part) =>
      typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part),
    '',
  );
}
