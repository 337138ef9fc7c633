import { z } from 'zod';
import { cursorParam, dayParam, limitParam } from '../http/query-params';

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
    from: dayParam('Usage days on or after this date'),
    to: dayParam('Usage days before this date'),
    limit: limitParam(),
    cursor: cursorParam(),
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
