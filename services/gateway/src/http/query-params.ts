import { z } from 'zod';
import { decodeCursor, encodeCursor } from './cursor';
import { type Page } from './page';

/**
 * The query parameters every list and analytics route shares, so they read, validate and document
 * alike. Query strings arrive as strings: numbers are parsed here, with the bounds in the message.
 */

/** A calendar day ClickHouse's Date can hold (1970 to 2105). */
export const isStorableDay = (v: string): boolean => {
  const parsed = new Date(`${v}T00:00:00Z`);
  return (
    !Number.isNaN(parsed.getTime()) &&
    parsed.toISOString().startsWith(v) &&
    v >= '1970-01-01' &&
    v <= '2105-12-31'
  );
};

export const dayParam = (description: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
    .refine(isStorableDay, 'must be a real date between 1970-01-01 and 2105-12-31')
    .optional()
    .meta({ description, example: '2026-10-01' });

/** An instant, ISO-8601 with an offset, within what ClickHouse's DateTime holds. */
export const instantParam = (description: string) =>
  z.iso
    .datetime({ offset: true, message: 'must be an ISO-8601 date-time with a time zone' })
    .refine((v) => {
      const ms = Date.parse(v);
      return ms >= 0 && ms < Date.UTC(2106, 0, 1);
    }, 'must be between 1970-01-01T00:00:00Z and 2105-12-31T23:59:59Z')
    .optional()
    .meta({ description, example: '2026-10-01T00:00:00Z' });

/** An entity id as the datasets carry them: 1 to 128 characters. */
export const idParam = (description: string, example: string) =>
  z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters').meta({
    description,
    example,
  });

/** Free text to match (names, emails, cities): 1 to 128 characters. */
export const textParam = (description: string, example: string) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(128, 'must be at most 128 characters')
    .optional()
    .meta({ description, example });

/**
 * A prefix of text in the directory, e.g. `prefixParam('users whose email', 'grace.')`: matched
 * case-insensitively, with LIKE's `%`, `_` and `\` as plain characters.
 */
export const prefixParam = (whose: string, example: string) =>
  textParam(
    `Only ${whose} starts with this text (prefix, case-insensitive; \`%\`, \`_\` and \`\\\` match themselves)`,
    example,
  );

/**
 * Numbers a query string may carry: a plain decimal or exponent notation (`12.5`, `-3`, `1.2e3`),
 * at most 32 characters. Anything a double cannot hold exactly enough to compare (`1e309`, 400
 * digits, `NaN`, `Infinity`, `0x10`) is refused here, so no store ever sees a non-finite value.
 */
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
/**
 * Beyond ±1e15 a double no longer holds every 0.1 step, and below 1e-15 (short of 0) no dataset's
 * precision reaches; near the ends of a double (`5e-324`) stores even fail to parse the literal.
 */
export const MAX_QUERY_NUMBER = 1e15;
export const MIN_QUERY_MAGNITUDE = 1e-15;

/** A finite decimal number in a query string, e.g. `energy_min=2.5`. */
export const numberParam = (description: string, example: string) =>
  z
    .string()
    .max(32, 'must be a number of at most 32 characters, such as 12.5')
    .regex(NUMBER, 'must be a decimal number such as 12.5')
    .transform(Number)
    .refine(
      (n) =>
        Number.isFinite(n) &&
        Math.abs(n) <= MAX_QUERY_NUMBER &&
        (n === 0 || Math.abs(n) >= MIN_QUERY_MAGNITUDE),
      `must be 0 or a number whose size is between ${MIN_QUERY_MAGNITUDE} and ${MAX_QUERY_NUMBER}`,
    )
    .optional()
    .meta({ description, example });

/** A whole number in a query string between `min` and `max` (`days=30`), never beyond them. */
export const wholeNumberParam = (min: number, max: number, what: string, example: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `must be a whole number of ${what} between ${min} and ${max}`)
    .transform(Number)
    .refine(
      (n) => n >= min && n <= max,
      `must be a whole number of ${what} between ${min} and ${max}`,
    )
    .optional()
    .meta({ description: `${what} (${min} to ${max})`, example });

export const limitParam = (max = 1000, fallback = 100) =>
  z
    .string()
    .regex(/^\d{1,7}$/, `must be a whole number between 1 and ${max}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, `must be a whole number between 1 and ${max}`)
    .optional()
    .meta({
      description: `Items per page, 1 to ${max} (default ${fallback})`,
      example: String(Math.min(fallback, max)),
    });

export const cursorParam = () =>
  z
    .string()
    .max(2_000)
    .optional()
    .meta({ description: 'next_cursor of the previous page; omit for the first page' });

/** `{items, next_cursor}` in the OpenAPI document. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.string().nullable() });

/**
 * Keyset paging: the store was asked for `limit + 1` rows after `after`; the extra row only says
 * that there is a next page, whose cursor is the last returned row's key (bound to the filters,
 * so a cursor reused with other filters is refused).
 */
export function pageOf<R, K, V>(
  rows: readonly R[],
  limit: number,
  filters: unknown,
  keyOf: (row: R) => K,
  view: (row: R) => V,
): Page<V> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(view),
    next_cursor: rows.length > limit && last ? encodeCursor(keyOf(last), filters) : null,
  };
}

/** The key a cursor carries, checked against the filters of this request. */
export const cursorKey = <K>(
  cursor: string | undefined,
  filters: unknown,
  isKey: (k: unknown) => k is K,
): K | undefined => (cursor ? decodeCursor(cursor, filters, isKey) : undefined);

/** A type guard for a key object whose listed fields are all strings. */
export const stringKey =
  <K>(...fields: (keyof K & string)[]) =>
  (k: unknown): k is K =>
    typeof k === 'object' &&
    k !== null &&
    fields.every((field) => typeof (k as Record<string, unknown>)[field] === 'string');
