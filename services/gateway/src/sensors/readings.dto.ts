import { readingInputSchema, readingsBatchSchema, SENSOR_ID } from '@tributary/contracts';
import { z } from 'zod';
import { cursorParam, instantParam, limitParam, numberParam } from '../http/query-params';

const sensorId = z.string().regex(SENSOR_ID.pattern, SENSOR_ID.message);

const readingFilters = {
  from: instantParam('Readings at or after this instant'),
  to: instantParam('Readings before this instant'),
  min_temperature: numberParam('Temperature at least this (°C)', '-5'),
  max_temperature: numberParam('Temperature at most this (°C)', '30.5'),
  min_pressure: numberParam('Pressure at least this (hPa)', '950'),
  max_pressure: numberParam('Pressure at most this (hPa)', '1050'),
  limit: limitParam(),
  cursor: cursorParam(),
};

type Ranged = {
  from?: string;
  to?: string;
  min_temperature?: number;
  max_temperature?: number;
  min_pressure?: number;
  max_pressure?: number;
};

function checkRanges(query: Ranged, ctx: z.RefinementCtx): void {
  if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  }
  for (const metric of ['temperature', 'pressure'] as const) {
    const [min, max] = [query[`min_${metric}`], query[`max_${metric}`]];
    if (min !== undefined && max !== undefined && min > max) {
      ctx.addIssue({
        code: 'custom',
        path: [`max_${metric}`],
        message: `must be at least min_${metric}`,
      });
    }
  }
}

export const listReadingsQuerySchema = z
  .strictObject({
    sensor_id: sensorId.optional().meta({ description: 'Only this sensor' }),
    ...readingFilters,
  })
  .superRefine(checkRanges);
export type ListReadingsQuery = z.output<typeof listReadingsQuerySchema>;

export const sensorReadingsQuerySchema = z.strictObject(readingFilters).superRefine(checkRanges);
export type SensorReadingsQuery = z.output<typeof sensorReadingsQuerySchema>;

export const sensorIdParamSchema = sensorId;
export const readingIdParamSchema = z.string().min(1).max(128);

export const aggregatesQuerySchema = z
  .strictObject({
    interval: z.enum(['hour', 'day']).meta({ description: 'Bucket size' }),
    sensor_id: sensorId.optional().meta({ description: 'Only this sensor' }),
    from: instantParam('Buckets starting at or after this instant'),
    to: instantParam('Buckets starting before this instant'),
    limit: limitParam(),
    cursor: cursorParam(),
  })
  .superRefine(checkRanges);
export type AggregatesQuery = z.output<typeof aggregatesQuerySchema>;

/**
 * One reading, or `{readings: [...]}` with up to 10,000: for the OpenAPI document. Requests are
 * parsed with the one schema their shape calls for, so each error keeps its path (a union would
 * report "no option matched" instead).
 */
export const recordReadingsBodySchema = z.union([readingInputSchema, readingsBatchSchema]);

const shape = readingInputSchema.shape;

/** A PUT replaces the reading's values: a value left out is cleared. */
export const correctionBodySchema = z
  .strictObject({
    temperature: shape.temperature.unwrap().nullable().optional(),
    pressure: shape.pressure.unwrap().nullable().optional(),
    humidity: shape.humidity.unwrap().nullable().optional(),
    metrics: shape.metrics.unwrap().optional(),
    reason: z
      .string()
      .max(1_000)
      .optional()
      .meta({ description: 'Why the reading is corrected (audit)' }),
  })
  .refine((c) => c.temperature != null || c.pressure != null || c.humidity != null, {
    message: 'at least one of temperature, pressure, humidity is required',
    path: ['temperature'],
  });
export type CorrectionBody = z.output<typeof correctionBodySchema>;

const nullableNumber = z.number().nullable();

export const readingViewSchema = z.object({
  id: z.string(),
  sensor_id: z.string(),
  timestamp: z.iso.datetime(),
  temperature: nullableNumber,
  pressure: nullableNumber,
  humidity: nullableNumber,
  metrics: z.record(z.string(), z.number()),
  version: z.number().int().meta({ description: 'Highest version wins; a correction raises it' }),
  client_id: z.string().nullable().meta({
    description:
      'The `id` the client sent when recording it (the reading is found by it too); null when it sent none',
  }),
});
export type ReadingView = z.output<typeof readingViewSchema>;

export const readingPageSchema = z.object({
  items: z.array(readingViewSchema),
  next_cursor: z.string().nullable(),
});

const summarySchema = z.object({
  count: z.number().int(),
  min: nullableNumber,
  max: nullableNumber,
  avg: nullableNumber,
  p50: nullableNumber,
  p95: nullableNumber,
});

export const aggregateViewSchema = z.object({
  sensor_id: z.string(),
  interval: z.enum(['hour', 'day']),
  bucket_start: z.iso.datetime(),
  readings: z.number().int(),
  temperature: summarySchema,
  pressure: summarySchema,
  humidity: summarySchema,
});
export type AggregateView = z.output<typeof aggregateViewSchema>;

export const aggregatePageSchema = z.object({
  items: z.array(aggregateViewSchema),
  next_cursor: z.string().nullable(),
});

export const acceptedSchema = z.object({
  accepted: z.number().int().meta({ example: 2 }),
  ids: z.array(z.string()).meta({ description: 'Reading ids, in the order sent' }),
});

export const correctionAcceptedSchema = readingViewSchema;

export const READING_EXAMPLE: ReadingView = {
  id: '0f8e2d4c-1b3a-4c5d-8e7f-9a0b1c2d3e4f',
  sensor_id: 'greenhouse-7',
  timestamp: '2026-11-22T10:00:00.250Z',
  temperature: 21.4,
  pressure: 1013.2,
  humidity: 48.5,
  metrics: { co2_ppm: 412 },
  version: 1,
  client_id: 'gh7-000001',
};

export const AGGREGATE_EXAMPLE: AggregateView = {
  sensor_id: 'greenhouse-7',
  interval: 'hour',
  bucket_start: '2026-11-22T10:00:00.000Z',
  readings: 3600,
  temperature: { count: 3600, min: 20.1, max: 23.8, avg: 21.9, p50: 21.8, p95: 23.2 },
  pressure: { count: 3600, min: 1011.9, max: 1014.0, avg: 1013.1, p50: 1013.1, p95: 1013.8 },
  humidity: { count: 3598, min: 44.0, max: 52.5, avg: 48.3, p50: 48.2, p95: 51.0 },
};
