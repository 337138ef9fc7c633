import { z } from 'zod';
import { cursorParam, dayParam, limitParam, pageSchema } from '../http/query-params';

/**
 * Text to compare with stored values: 1 to 128 characters. Postgres refuses NUL in text and a lone
 * UTF-16 surrogate cannot be encoded as UTF-8: neither can be part of a stored value, so either is
 * a 400 rather than a failed query.
 */
const storableText = (description: string, example: string) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(128, 'must be at most 128 characters')
    .refine((v) => !v.includes('\u0000'), 'must not contain NUL characters')
    .refine((v) => v.isWellFormed(), 'must be well-formed Unicode')
    .optional()
    .meta({ description, example });

const productId = storableText('Only this product', 'p-00001');
const category = storableText('Only this category (exact, case-sensitive)', 'Coffee');

type DayRange = { from?: string | undefined; to?: string | undefined };
const fromBeforeTo = (q: DayRange, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from >= q.to)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
};

export const listProductsQuerySchema = z.strictObject({
  product_id: productId,
  category,
  name: storableText(
    'Names starting with this text, case-insensitively (`%`, `_` and `\\` match themselves)',
    'prod',
  ),
  limit: limitParam(),
  cursor: cursorParam(),
});
export type ListProductsQuery = z.output<typeof listProductsQuerySchema>;

export const listCategoriesQuerySchema = z.strictObject({
  limit: limitParam(),
  cursor: cursorParam(),
});
export type ListCategoriesQuery = z.output<typeof listCategoriesQuerySchema>;

const salesFilters = {
  from: dayParam('Sales on or after this day'),
  to: dayParam('Sales before this day'),
  product_id: productId,
  category: storableText(
    "Only sales of products in this category (the product's current category)",
    'Coffee',
  ),
  limit: limitParam(),
  cursor: cursorParam(),
};

export const listSalesQuerySchema = z
  .strictObject({
    date: dayParam('Sales of this one day (not with from or to)'),
    ...salesFilters,
  })
  .superRefine((q, ctx) => {
    if (q.date && (q.from || q.to))
      ctx.addIssue({
        code: 'custom',
        path: ['date'],
        message: 'give either date or from/to, not both',
      });
    fromBeforeTo(q, ctx);
  });
export type ListSalesQuery = z.output<typeof listSalesQuerySchema>;

export const salesRollupQuerySchema = z.strictObject(salesFilters).superRefine(fromBeforeTo);
export type SalesRollupQuery = z.output<typeof salesRollupQuerySchema>;

export const categorySalesQuerySchema = z
  .strictObject({
    from: salesFilters.from,
    to: salesFilters.to,
    limit: limitParam(),
    cursor: cursorParam(),
  })
  .superRefine(fromBeforeTo);
export type CategorySalesQuery = z.output<typeof categorySalesQuerySchema>;

/** Money and prices: decimal strings with the column's 4 places, exact (never a float). */
const decimal = (description: string) =>
  z
    .string()
    .regex(/^-?\d+\.\d{4}$/)
    .meta({ description, example: '12.5000' });

export const productViewSchema = z.object({
  product_id: z.string(),
  name: z.string(),
  category: z.string(),
  price: decimal('Exact, 4 decimal places').nullable(),
});
export type ProductView = z.output<typeof productViewSchema>;

export const categoryViewSchema = z.object({
  category: z.string(),
  products: z.number().int().describe('Products in the category'),
  average_price: decimal(
    'Mean price of its priced products, rounded half away from zero to 4 places; null when none has a price',
  ).nullable(),
});
export type CategoryView = z.output<typeof categoryViewSchema>;

export const saleViewSchema = z.object({
  sale_id: z.string().describe('As in the file; a sale id repeated in a file is two sales'),
  product_id: z.string(),
  quantity: z
    .number()
    .int()
    .describe('As recorded; negative values are kept (see the quality report)'),
  amount: decimal('Exact, 4 decimal places; negative values are kept'),
  sale_date: z.string(),
  category: z
    .string()
    .nullable()
    .describe("The product's category; null when the product is unknown"),
});
export type SaleView = z.output<typeof saleViewSchema>;

const totals = {
  sales: z.number().int().describe('Number of sale rows'),
  quantity: z.number().int().describe('Sum of quantity'),
  amount: decimal('Sum of amount, exact'),
};

export const dailySalesViewSchema = z.object({ date: z.string(), ...totals });
export type DailySalesView = z.output<typeof dailySalesViewSchema>;

export const productDailySalesViewSchema = z.object({
  date: z.string(),
  product_id: z.string(),
  ...totals,
});
export type ProductDailySalesView = z.output<typeof productDailySalesViewSchema>;

export const categorySalesViewSchema = z.object({
  category: z
    .string()
    .nullable()
    .describe('null groups the sales of unknown products (listed last)'),
  ...totals,
});
export type CategorySalesView = z.output<typeof categorySalesViewSchema>;

export const productPageSchema = pageSchema(productViewSchema);
export const categoryPageSchema = pageSchema(categoryViewSchema);
export const salePageSchema = pageSchema(saleViewSchema);
export const dailySalesPageSchema = pageSchema(dailySalesViewSchema);
export const productDailySalesPageSchema = pageSchema(productDailySalesViewSchema);
export const categorySalesPageSchema = pageSchema(categorySalesViewSchema);
