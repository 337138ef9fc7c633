import { type ClickHouseClient } from '@clickhouse/client';
import { ch } from '@tributary/platform';
import { selectRows } from '../http/clickhouse-rows';
import { fourPlaces } from './decimal';
import {
  type CategoryKey,
  type ProductDayKey,
  type SaleKey,
  type SalesFilter,
  type SalesStore,
  type SaleTotals,
  type StoredSale,
} from './sales.store';

type SqlFragment = ReturnType<typeof ch.raw>;

const where = (conditions: readonly SqlFragment[]) =>
  conditions.length > 0 ? ch.sql`WHERE ${ch.join(conditions, ' AND ')}` : ch.raw('');

/**
 * The category of every product, read FINAL (a product re-sent with another category shows its
 * latest one). `has_category` tells an orphan sale (no product: the join's default 0) from a
 * product whose category is the empty string (join_use_nulls is off by default on both engines).
 * Current releases require both sides of a join to have an alias.
 */
const PRODUCT_CATEGORIES = ch.raw(
  'ANY LEFT JOIN (SELECT product_id, category, toUInt8(1) AS has_category FROM retail_products FINAL) AS catalog USING product_id',
);

function filterConditions(filter: SalesFilter): SqlFragment[] {
  const conditions: SqlFragment[] = [];
  if (filter.day !== undefined) conditions.push(ch.sql`sale_date = ${ch.date(filter.day)}`);
  if (filter.from !== undefined) conditions.push(ch.sql`sale_date >= ${ch.date(filter.from)}`);
  if (filter.to !== undefined) conditions.push(ch.sql`sale_date < ${ch.date(filter.to)}`);
  if (filter.productId !== undefined)
    conditions.push(ch.sql`product_id = ${ch.str(filter.productId)}`);
  if (filter.category !== undefined)
    conditions.push(
      ch.sql`product_id IN (SELECT product_id FROM retail_products FINAL WHERE category = ${ch.str(filter.category)})`,
    );
  return conditions;
}

/** count, sum(quantity) and the exact sum(amount) (Decimal128) as text. */
const TOTALS = ch.raw(
  'count() AS sales, sum(quantity) AS total_quantity, toString(sum(amount)) AS total_amount',
);

interface TotalsRow {
  sales: number;
  total_quantity: number;
  total_amount: string;
}

const totals = (row: TotalsRow): SaleTotals => ({
  sales: row.sales,
  quantity: row.total_quantity,
  amount: fourPlaces(row.total_amount),
});

/**
 * Reads `retail_sales` with FINAL: a row delivered twice (same event id) counts once, while two
 * rows of a file with the same sale_id are two events and count twice. Negative quantities and
 * amounts are summed as they are; the quality report lists them.
 */
export class ClickHouseSalesStore implements SalesStore {
  constructor(private readonly client: ClickHouseClient) {}

  async list(
    filter: SalesFilter,
    after: SaleKey | undefined,
    limit: number,
  ): Promise<StoredSale[]> {
    const conditions = filterConditions(filter);
    if (after)
      conditions.push(
        ch.sql`(sale_date, product_id, event_id) > (${ch.date(after.date)}, ${ch.str(after.productId)}, ${ch.str(after.eventId)})`,
      );
    // The page is cut before the join, so the join only sees `limit` rows.
    const rows = await selectRows<{
      event_id: string;
      sale_id: string;
      product_id: string;
      quantity: number;
      amount_text: string;
      day: string;
      category: string;
      has_category: number;
    }>(
      this.client,
      ch.sql`SELECT event_id, sale_id, product_id, quantity, amount_text, day, category, has_category
        FROM (
          SELECT event_id, sale_id, product_id, quantity, toString(amount) AS amount_text,
                 sale_date, toString(sale_date) AS day
          FROM retail_sales FINAL
          ${where(conditions)}
          ORDER BY sale_date, product_id, event_id
          LIMIT ${ch.int(limit)}
        ) AS sold
        ${PRODUCT_CATEGORIES}
        ORDER BY sale_date, product_id, event_id`,
    );
    return rows.map((row) => ({
      event_id: row.event_id,
      sale_id: row.sale_id,
      product_id: row.product_id,
      quantity: row.quantity,
      amount: fourPlaces(row.amount_text),
      sale_date: row.day,
      category: row.has_category === 1 ? row.category : null,
    }));
  }

  async daily(filter: SalesFilter, afterDate: string | undefined, limit: number) {
    const conditions = filterConditions(filter);
    if (afterDate !== undefined) conditions.push(ch.sql`sale_date > ${ch.date(afterDate)}`);
    const rows = await selectRows<TotalsRow & { day: string }>(
      this.client,
      ch.sql`SELECT toString(sale_date) AS day, ${TOTALS}
        FROM retail_sales FINAL
        ${where(conditions)}
        GROUP BY sale_date ORDER BY sale_date LIMIT ${ch.int(limit)}`,
    );
    return rows.map((row) => ({ date: row.day, ...totals(row) }));
  }

  async productDaily(filter: SalesFilter, after: ProductDayKey | undefined, limit: number) {
    const conditions = filterConditions(filter);
    if (after)
      conditions.push(
        ch.sql`(sale_date, product_id) > (${ch.date(after.date)}, ${ch.str(after.productId)})`,
      );
    const rows = await selectRows<TotalsRow & { day: string; product_id: string }>(
      this.client,
      ch.sql`SELECT toString(sale_date) AS day, product_id, ${TOTALS}
        FROM retail_sales FINAL
        ${where(conditions)}
        GROUP BY sale_date, product_id ORDER BY sale_date, product_id LIMIT ${ch.int(limit)}`,
    );
    return rows.map((row) => ({ date: row.day, product_id: row.product_id, ...totals(row) }));
  }

  async byCategory(
    filter: Pick<SalesFilter, 'from' | 'to'>,
    after: CategoryKey | undefined,
    limit: number,
  ) {
    // Keyset on the group key: named categories ascending, then the orphans' group.
    const keyset =
      after === undefined
        ? ch.raw('')
        : after.category === null
          ? ch.raw('HAVING 0')
          : ch.sql`HAVING has_category = 0 OR category > ${ch.str(after.category)}`;
    const rows = await selectRows<TotalsRow & { category: string; has_category: number }>(
      this.client,
      ch.sql`SELECT has_category, category, ${TOTALS}
        FROM (
          SELECT product_id, quantity, amount FROM retail_sales FINAL
          ${where(filterConditions(filter))}
        ) AS sold
        ${PRODUCT_CATEGORIES}
        GROUP BY has_category, category
        ${keyset}
        ORDER BY has_category DESC, category
        LIMIT ${ch.int(limit)}`,
    );
    return rows.map((row) => ({
      category: row.has_category === 1 ? row.category : null,
      ...totals(row),
    }));
  }
}
