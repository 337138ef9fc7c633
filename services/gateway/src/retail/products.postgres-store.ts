import { type DataSource } from 'typeorm';
import { conditions, queryDirectory } from '../directory/directory-sql';
import { fourPlaces } from './decimal';
import {
  type ProductFilter,
  type ProductsStore,
  type StoredCategory,
  type StoredProduct,
} from './products.store';

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
    const { where, bind, params, prefix, whereClause } = conditions();
    if (filter.productId !== undefined) where.push(`product_id = ${bind(filter.productId)}`);
    if (filter.category !== undefined) where.push(`category = ${bind(filter.category)}`);
    prefix('name', filter.namePrefix);
    if (afterProductId !== undefined)
      where.push(`product_id COLLATE "C" > ${bind(afterProductId)}`);
    const rows = await queryDirectory<StoredProduct>(
      this.db,
      'retail_products',
      `SELECT product_id, name, category, price::text AS price FROM directory.retail_products
       ${whereClause()}
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
    const rows = await queryDirectory<{
      category: string;
      products: number;
      average_price: string | null;
    }>(
      this.db,
      'retail_products',
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
}
