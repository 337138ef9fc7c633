import { z } from 'zod';
import {
  cursorParam,
  dayParam,
  idParam,
  limitParam,
  pageSchema,
  prefixParam,
} from '../http/query-params';
import { TRANSACTION_TYPES } from './banking.store';

export const listClientsQuerySchema = z.strictObject({
  client_id: prefixParam('clients whose id', 'c-0001'),
  name: prefixParam('clients whose name', 'grace'),
  email: prefixParam('clients whose email', 'client1'),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO 3166-1 country code, e.g. PT')
    .transform((code) => code.toUpperCase())
    .optional()
    .meta({
      description: 'Only clients in this country (ISO 3166-1 alpha-2, exact)',
      example: 'PT',
    }),
  limit: limitParam(),
  cursor: cursorParam(),
});
export type ListClientsQuery = z.output<typeof listClientsQuerySchema>;

export const clientViewSchema = z.object({
  client_id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  country: z.string().nullable(),
  created_at: z.iso.datetime().nullable().describe('When the client was created at the bank, UTC'),
});
export type ClientView = z.output<typeof clientViewSchema>;
export const clientPageSchema = pageSchema(clientViewSchema);

export const clientIdPathSchema = idParam('The client', 'c-00001');

const endNotBeforeStart = (
  q: { start_date?: string | undefined; end_date?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if (q.start_date !== undefined && q.end_date !== undefined && q.start_date > q.end_date)
    ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'must not be before start_date' });
};

export const listTransactionsQuerySchema = z
  .strictObject({
    start_date: dayParam('Transactions booked on or after this day (UTC)'),
    end_date: dayParam('Transactions booked on or before this day (UTC, inclusive)'),
    type: z
      .enum(TRANSACTION_TYPES)
      .optional()
      .meta({ description: 'Only transactions of this type', example: 'deposit' }),
    limit: limitParam(),
    cursor: cursorParam(),
  })
  .superRefine(endNotBeforeStart);
export type ListTransactionsQuery = z.output<typeof listTransactionsQuerySchema>;

/** The daily and monthly rollups take the same query; months are those the days fall in. */
export const listRollupQuerySchema = z
  .strictObject({
    start_date: dayParam(
      'From this day (UTC); for monthly, from the start of the month it falls in',
    ),
    end_date: dayParam(
      'Up to this day (UTC, inclusive); for monthly, to the end of the month it falls in',
    ),
    type: z
      .enum(TRANSACTION_TYPES)
      .optional()
      .meta({ description: 'Only transactions of this type', example: 'deposit' }),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 4217 currency code, e.g. EUR')
      .transform((code) => code.toUpperCase())
      .optional()
      .meta({ description: 'Only this currency (ISO 4217, exact)', example: 'EUR' }),
    limit: limitParam(),
    cursor: cursorParam(),
  })
  .superRefine(endNotBeforeStart);
export type ListRollupQuery = z.output<typeof listRollupQuerySchema>;

const decimal = (description: string) =>
  z
    .string()
    .regex(/^-?\d+\.\d{4}$/)
    .describe(`${description}; exact, as a string with 4 decimals`);

export const transactionViewSchema = z.object({
  transaction_id: z.string(),
  client_id: z.string(),
  transaction_type: z.enum(TRANSACTION_TYPES),
  direction: z
    .enum(['credit', 'debit'])
    .describe('deposit and interest are credits; withdrawal, transfer, payment and fee debits'),
  transaction_date: z.iso.datetime().describe('Booking time, UTC'),
  amount: decimal('The amount as the source booked it (its sign included)'),
  currency: z.string(),
});
export type TransactionView = z.output<typeof transactionViewSchema>;

export const currencyTotalsSchema = z.object({
  currency: z.string(),
  count: z.number().int().describe('Transactions in the range, in this currency'),
  credits: decimal('Sum of |amount| of the credits'),
  debits: decimal('Sum of |amount| of the debits'),
  amount: decimal('Net: credits − debits'),
});
export type CurrencyTotalsView = z.output<typeof currencyTotalsSchema>;

export const transactionPageSchema = z.object({
  items: z.array(transactionViewSchema),
  next_cursor: z.string().nullable(),
  totals: z
    .array(currencyTotalsSchema)
    .describe('Per currency over the whole filtered range (every page, not this one)'),
});
export type TransactionPage = z.output<typeof transactionPageSchema>;

const rollupSums = {
  currency: z.string(),
  transactions: z.number().int().describe('Transactions in this period and currency'),
  credits: decimal('Sum of |amount| of the credits (deposit, interest)'),
  debits: decimal('Sum of |amount| of the debits (withdrawal, transfer, payment, fee)'),
  amount: decimal('Net: credits − debits'),
};

export const dailyRollupViewSchema = z.object({
  date: z.iso.date().describe('The UTC day'),
  ...rollupSums,
});
export type DailyRollupView = z.output<typeof dailyRollupViewSchema>;
export const dailyRollupPageSchema = pageSchema(dailyRollupViewSchema);

export const monthlyRollupViewSchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .describe('The UTC calendar month, YYYY-MM'),
  ...rollupSums,
});
export type MonthlyRollupView = z.output<typeof monthlyRollupViewSchema>;
export const monthlyRollupPageSchema = pageSchema(monthlyRollupViewSchema);
