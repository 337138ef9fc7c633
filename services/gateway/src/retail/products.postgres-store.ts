import { type DataSource } from 'typeorm';
import { ProblemException } from '../http/problem';
import { fourPlaces } from './decimal';
import {
  type ProductFilter,
  type ProductsStore,
  type StoredCategory,
  type StoredProduct,
} from './products.store';

/** `%`, `_` and the escape character itself match only themselves inside a LIKE pattern. */
export const likePrefix = (text: string): string => `${text.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * Products from the directory (Postgres, kept by directory-projector). Values are always bound
 * parameters; the statement text only varies with which filters are present.
 */
export class PostgresProductsStore implements ProductsStore {
  constructor(private readonly db: DataSource) {}

  async list(
    filter: ProductFilter,
    afterProductId: string | undefined,
    limit: number,
  ): Promise<StoredProduct[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.productId !== undefined) where.push(`product_id = ${bind(filter.productId)}`);
    if (filter.category !== undefined) where.push(`category = ${bind(filter.category)}`);
    if (filter.namePrefix !== undefined)
      where.push(`lower(name) LIKE lower(${bind(likePrefix(filter.namePrefix))}) ESCAPE '\\'`);
    if (afterProductId !== undefined)
      where.push(`product_id COLLATE "C" > ${bind(afterProductId)}`);
    const rows = await this.query<StoredProduct>(
      `SELECT product_id, name, category, price::text AS price FROM directory.retail_products
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY product_id COLLATE "C" LIMIT ${bind(limit)}`,
      params,
    );
    return rows.map((row) => ({
      ...row,
      price: row.price === null ? null : fourPlaces(row.price),
    }));
  }

  async categories(afterCategory: string | undefined, limit: number): Promise<StoredCategory[]> {
    const params: unknown[] = afterCategory === undefined ? [limit] : [limit, afterCategory];
    // round(numeric) rounds half away from zero, exactly (numeric, not float).
    const rows = await this.query<{
      category: string;
      products: number;
      average_price: string | null;
    }>(
      `SELECT category, count(*)::int AS products, round(avg(price), 4)::text AS average_price
       FROM directory.retail_products
       ${afterCategory === undefined ? '' : 'WHERE category COLLATE "C" > $2'}
       GROUP BY category ORDER BY category COLLATE "C" LIMIT $1`,
      params,
    );
    return rows.map((row) => ({
      ...row,
      average_price: row.average_price === null ? null : fourPlaces(row.average_price),
    }));
  }

  private async query<T>(sql: string, params: unknown[]): Promise<T[]> {
    try {
      return (await this.db.query(sql, params)) as T[];
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      // The directory's tables appear when directory-projector first starts.
      if (code === '42P01' || code === '3F000')
        throw new ProblemException(
          'service-unavailable',
          'the product directory is not set up yet: directory-projector has not started',
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
}
