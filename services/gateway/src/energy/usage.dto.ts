import { z } from 'zod';
import { cursorParam, dayParam, limitParam, pageSchema } from '../http/query-params';

export const listUsageQuerySchema = z
  .strictObject({
    user_id: z
      .string()
      .min(1, 'must not be empty')
      .max(128, 'must be at most 128 characters')
      .refine((v) => v.isWellFormed(), 'must be well-formed Unicode')
      .optional()
      .meta({ description: 'Only this user', example: 'u-00001' }),
    from: dayParam('Usage days on or after this date'),
    to: dayParam('Usage days before this date'),
    granularity: z.enum(['day', 'month'], 'must be day or month').default('day').meta({
      description:
        'Sum per calendar day (`period` 2031-03-03) or per calendar month (`period` 2031-03); default day. A month counts only its days inside from/to.',
      example: 'month',
    }),
    limit: limitParam(),
    cursor: cursorParam(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from >= q.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  });
export type ListUsageQuery = z.output<typeof listUsageQuerySchema>;

export const usageViewSchema = z.object({
  user_id: z.string(),
  period: z.string().describe('The day (YYYY-MM-DD) or month (YYYY-MM)'),
  usage_kwh: z
    .number()
    .describe(
      'Sum of the usage records of the period, rounded to 4 places; negative records count as they are',
    ),
  records: z.number().int().describe('Usage records summed (a day can have several)'),
});
export type UsageView = z.output<typeof usageViewSchema>;

export const usagePageSchema = pageSchema(usageViewSchema);
