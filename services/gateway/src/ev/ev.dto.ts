import { z } from 'zod';
import {
  cursorParam,
  idParam,
  instantParam,
  limitParam,
  numberParam,
  pageSchema,
  prefixParam,
  textParam,
} from '../http/query-params';

export const listUsersQuerySchema = z.strictObject({
  user_id: idParam('Only this user (exact)', 'u-00001').optional(),
  first_name: prefixParam('users whose first name', 'gr'),
  last_name: prefixParam('users whose last name', 'Mül'),
  email: prefixParam('users whose email', 'grace.'),
  limit: limitParam(),
  cursor: cursorParam(),
});
export type ListUsersQuery = z.output<typeof listUsersQuerySchema>;

export const listChargersQuerySchema = z.strictObject({
  charger_id: idParam('Only this charger (exact)', 'ch-00001').optional(),
  city: textParam('Only chargers in this city (whole name, case-insensitive)', 'kraków'),
  limit: limitParam(),
  cursor: cursorParam(),
});
export type ListChargersQuery = z.output<typeof listChargersQuerySchema>;

const fromBeforeTo = (
  q: { from?: string | undefined; to?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if (q.from !== undefined && q.to !== undefined && Date.parse(q.from) >= Date.parse(q.to))
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
};

const requiredInstant = (description: string, example: string) =>
  instantParam(description).unwrap().meta({ description, example });

export const usageAnalyticsQuerySchema = z
  .strictObject({
    from: requiredInstant('Sessions that started at or after this instant', '2031-03-03T00:00:00Z'),
    to: requiredInstant(
      'Sessions that started before this instant (exclusive)',
      '2031-04-01T00:00:00Z',
    ),
  })
  .superRefine(fromBeforeTo);
export type UsageAnalyticsQuery = z.output<typeof usageAnalyticsQuerySchema>;

export const chargerIdPathSchema = idParam('The charger', 'ch-00001');

export const listTransactionsQuerySchema = z
  .strictObject({
    user_id: idParam('Only sessions of this user (exact)', 'u-00001').optional(),
    charger_id: idParam('Only sessions at this charger (exact)', 'ch-00001').optional(),
    city: textParam(
      "Only sessions at chargers in this city (the charger's current city; whole name, case-insensitive)",
      'porto',
    ),
    from: instantParam('Sessions that started at or after this instant'),
    to: instantParam('Sessions that started before this instant (exclusive)'),
    energy_min: numberParam('Sessions with at least this energy, kWh (inclusive)', '10'),
    energy_max: numberParam('Sessions with at most this energy, kWh (inclusive)', '50.5'),
    limit: limitParam(),
    cursor: cursorParam(),
  })
  .superRefine((q, ctx) => {
    fromBeforeTo(q, ctx);
    if (q.energy_min !== undefined && q.energy_max !== undefined && q.energy_min > q.energy_max)
      ctx.addIssue({
        code: 'custom',
        path: ['energy_max'],
        message: 'must be at least energy_min',
      });
  });
export type ListTransactionsQuery = z.output<typeof listTransactionsQuerySchema>;

export const userViewSchema = z.object({
  user_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  signup_date: z.string().nullable().describe('YYYY-MM-DD'),
});
export type UserView = z.output<typeof userViewSchema>;

export const chargerViewSchema = z.object({
  charger_id: z.string(),
  name: z.string(),
  city: z.string(),
  address: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  power_kw: z.number().nullable(),
  connector_type: z.string().nullable(),
});
export type ChargerView = z.output<typeof chargerViewSchema>;

const money = z
  .string()
  .describe('Exact decimal with 4 decimals, as a string (Decimal(18,4) does not fit a double)');

export const transactionViewSchema = z.object({
  event_id: z
    .string()
    .describe(
      'Unique per ingested row: a transaction_id that appears twice in the source is two records',
    ),
  transaction_id: z.string(),
  user_id: z.string(),
  charger_id: z.string(),
  start_time: z.iso.datetime(),
  end_time: z.iso.datetime().nullable(),
  energy_kwh: z.number(),
  cost: money.nullable(),
  currency: z.string().nullable(),
  user: z
    .object({ first_name: z.string(), last_name: z.string(), email: z.string().nullable() })
    .nullable()
    .describe('null when the user is not in the directory (an orphan reference)'),
  charger: z
    .object({ name: z.string(), city: z.string() })
    .nullable()
    .describe('null when the charger is not in the directory (an orphan reference)'),
});
export type TransactionView = z.output<typeof transactionViewSchema>;

const hourSchema = z.object({
  hour: z.number().int().describe('Hour of the day, UTC, 0 to 23'),
  sessions: z.number().int().describe('Sessions that started in this hour'),
  energy_kwh: z.number().describe('Energy of those sessions, rounded to 4 decimals'),
  busy_minutes: z
    .number()
    .describe('Minutes of this hour of the day, over the window, with a session in progress'),
  utilisation: z
    .number()
    .nullable()
    .describe(
      'busy_minutes ÷ the minutes of this hour of the day inside the window, rounded to 4 decimals; null when the window holds none of this hour',
    ),
});

const weekdaySchema = z.object({
  weekday: z.number().int().describe('ISO weekday of the start, UTC: 1 = Monday … 7 = Sunday'),
  sessions: z.number().int(),
  energy_kwh: z.number(),
});

export const usageAnalyticsSchema = z.object({
  charger_id: z.string(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  sessions: z.number().int(),
  energy_kwh: z.number().describe('Sum, rounded to 4 decimals'),
  revenue: z
    .array(z.object({ currency: z.string().nullable(), amount: money }))
    .describe('Sum of cost per currency (sessions without a cost left out), by currency'),
  duration_minutes: z.object({
    sessions: z
      .number()
      .int()
      .describe('Sessions measured: those with an end_time not before start_time'),
    average: z.number().nullable(),
    median: z.number().nullable(),
  }),
  by_hour_of_day: z.array(hourSchema).describe('24 entries, hours 0 to 23 (UTC)'),
  by_weekday: z.array(weekdaySchema).describe('7 entries, Monday to Sunday'),
  first_session_at: z.iso.datetime().nullable(),
  last_session_at: z.iso.datetime().nullable(),
});
export type UsageAnalytics = z.output<typeof usageAnalyticsSchema>;

export const userPageSchema = pageSchema(userViewSchema);
export const chargerPageSchema = pageSchema(chargerViewSchema);
export const transactionPageSchema = pageSchema(transactionViewSchema);
