import { type DataSource } from 'typeorm';
import { ProblemException } from '../http/problem';

/**
 * What every read of the directory (Postgres schema `directory`, kept by directory-projector)
 * shares: values always bound as parameters, prefixes matched as plain text, and Postgres's
 * failures answered as the problems a client can act on.
 */

/** LIKE's own characters, escaped with its default escape character so a prefix is plain text. */
export const likePrefix = (text: string): string => text.replace(/[\\%_]/g, '\\$&');

/** Postgres text cannot hold NUL, so a value containing one matches nothing (and would fail). */
export const holdsNul = (values: readonly (string | undefined)[]): boolean =>
  values.some((v) => v !== undefined && v.includes('\u0000'));

/**
 * A statement's conditions and the parameters they bind: `bind(value)` adds a parameter and
 * answers its placeholder (`$1`, `$2`, …), so the statement text only varies with which filters
 * are present.
 */
export function conditions() {
  const where: string[] = [];
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  return {
    where,
    params,
    bind,
    /**
     * Values of `column` starting with `text` (nothing when `text` is undefined), both sides
     * lowered by Postgres itself, so case folding is the same on both (the database's C.UTF-8
     * locale folds accented letters too). Written `lower(col) LIKE lower($n) || '%'` so a
     * `lower(col) text_pattern_ops` index serves it.
     */
    prefix(column: string, text: string | undefined): void {
      if (text !== undefined)
        where.push(`lower(${column}) LIKE (lower(${bind(likePrefix(text))}) || '%')`);
    },
    /** `WHERE a AND b …`, or nothing without conditions. */
    whereClause: (): string => (where.length ? `WHERE ${where.join(' AND ')}` : ''),
  };
}

/**
 * Runs a read on `table` (a table of schema `directory`). Until directory-projector first starts
 * there is no such table, and Postgres may not answer: either is a 503 with Retry-After, not a 500.
 */
export async function queryDirectory<T>(
  db: DataSource,
  table: string,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  try {
    return (await db.query(sql, params)) as T[];
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === '42P01' || code === '3F000')
      throw new ProblemException(
        'service-unavailable',
        `the directory's ${table} table is not set up yet: directory-projector has not started`,
        {},
        { 'Retry-After': '5' },
      );
    if (typeof code === 'string' && /^(08|57P)|^ECONN/.test(code))
      throw new ProblemException(
        'service-unavailable',
        'Postgres did not answer; retry shortly',
        {},
        { 'Retry-After': '5' },
      );
    throw error;
  }
}
