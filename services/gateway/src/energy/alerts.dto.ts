import { z } from 'zod';

/** A calendar day ClickHouse's Date can hold (1970 to 2105). */
const isDay = (v: string) => {
  const parsed = new Date(`${v}T00:00:00Z`);
  return (
    !Number.isNaN(parsed.getTime()) &&
    parsed.toISOString().startsWith(v) &&
    v >= '1970-01-01' &&
    v <= '2105-12-31'
  );
};

const day = (description: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
    .refine(isDay, 'must be a real date between 1970-01-01 and 2105-12-31')
    .optional()
    .meta({ description, example: '2026-10-01' });

export const listAlertsQuerySchema = z
  .strictObject({
    user_id: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .meta({ description: 'Only this user', example: 'u-00001' }),
    job_id: z
      .uuid('must be a job id (a UUID)')
      .optional()
      .meta({ description: 'Only alerts raised by this upload' }),
    from: day('Usage days on or after this date'),
    to: day('Usage days before this date'),
    limit: z
      .string()
      .regex(/^\d+$/, 'must be a whole number between 1 and 1000')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 1000, 'must be a whole number between 1 and 1000')
      .optional()
      .meta({ description: 'Items per page, 1 to 1000 (default 100)' }),
    cursor: z
      .string()
      .max(2_000)
      .optional()
      .meta({ description: 'next_cursor of the previous page; omit for the first page' }),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from >= q.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  });
export type ListAlertsQuery = z.output<typeof listAlertsQuerySchema>;

export const alertViewSchema = z.object({
  alert_id: z.uuid(),
  user_id: z.string(),
  date: z.string().describe('The day of consumption'),
  usage_kwh: z.number(),
  threshold_kwh: z.number(),
  excess_kwh: z.number().describe('usage_kwh − threshold_kwh, rounded to 4 decimals'),
  usage_event_id: z.uuid().describe('The usage record that raised the alert'),
  job_id: z.string().nullable().describe('The ingest job of the upload'),
  raised_at: z.iso.datetime(),
});
export type AlertView = z.output<typeof alertViewSchema>;

export const alertPageSchema = z.object({
  items: z.array(alertViewSchema),
  next_cursor: z.string().nullable(),
});
