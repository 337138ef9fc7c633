import { Inject, Injectable } from '@nestjs/common';
import { type Page } from '../http/page';
import { cursorKey, pageOf, stringKey } from '../http/query-params';
import {
  type CategorySalesQuery,
  type CategorySalesView,
  type CategoryView,
  type DailySalesView,
  type ListCategoriesQuery,
  type ListProductsQuery,
  type ListSalesQuery,
  type ProductDailySalesView,
  type ProductView,
  type SalesRollupQuery,
  type SaleView,
} from './retail.dto';
import { PRODUCTS_STORE, type ProductsStore } from './products.store';
import {
  SALES_STORE,
  type CategoryKey,
  type ProductDayKey,
  type SaleKey,
  type SalesFilter,
  type SalesStore,
} from './sales.store';

const isCategoryKey = (k: unknown): k is CategoryKey =>
  typeof k === 'object' &&
  k !== null &&
  'category' in k &&
  (typeof k.category === 'string' || k.category === null);

function salesFilter(
  q: Omit<SalesRollupQuery, 'limit' | 'cursor'> & { date?: string },
): SalesFilter {
  return {
    ...(q.date !== undefined ? { day: q.date } : {}),
    ...(q.from !== undefined ? { from: q.from } : {}),
    ...(q.to !== undefined ? { to: q.to } : {}),
    ...(q.product_id !== undefined ? { productId: q.product_id } : {}),
    ...(q.category !== undefined ? { category: q.category } : {}),
  };
}

/** Products and categories from the directory (Postgres); sales and rollups from ClickHouse. */
@Injectable()
export class RetailService {
  constructor(
    @Inject(PRODUCTS_STORE) private readonly products: ProductsStore,
    @Inject(SALES_STORE) private readonly sales: SalesStore,
  ) {}

  async listProducts(query: ListProductsQuery): Promise<Page<ProductView>> {
    const { limit = 100, cursor, ...filters } = query;
    const after = cursorKey(cursor, filters, stringKey<{ productId: string }>('productId'));
    const rows = await this.products.list(
      {
        ...(filters.product_id !== undefined ? { productId: filters.product_id } : {}),
        ...(filters.category !== undefined ? { category: filters.category } : {}),
        ...(filters.name !== undefined ? { namePrefix: filters.name } : {}),
      },
      after?.productId,
      limit + 1,
    );
    return pageOf(
      rows,
      limit,
      filters,
      (row) => ({ productId: row.product_id }),
      (row) => row,
    );
  }

  async listCategories(query: ListCategoriesQuery): Promise<Page<CategoryView>> {
    const { limit = 100, cursor } = query;
    const after = cursorKey(cursor, {}, stringKey<{ category: string }>('category'));
    const rows = await this.products.categories(after?.category, limit + 1);
    return pageOf(
      rows,
      limit,
      {},
      (row) => ({ category: row.category }),
      (row) => row,
    );
  }

  async listSales(query: ListSalesQuery): Promise<Page<SaleView>> {
    const { limit = 100, cursor, ...filters } = query;
    const after = cursorKey(cursor, filters, stringKey<SaleKey>('date', 'productId', 'eventId'));
    const rows = await this.sales.list(salesFilter(filters), after, limit + 1);
    return pageOf(
      rows,
      limit,
      filters,
      (row) => ({ date: row.sale_date, productId: row.product_id, eventId: row.event_id }),
      ({ event_id: _eventId, ...sale }) => sale,
    );
  }

  async daily(query: SalesRollupQuery): Promise<Page<DailySalesView>> {
    const { limit = 100, cursor, ...filters } = query;
    const after = cursorKey(cursor, filters, stringKey<{ date: string }>('date'));
    const rows = await this.sales.daily(salesFilter(filters), after?.date, limit + 1);
    return pageOf(
      rows,
      limit,
      filters,
      (row) => ({ date: row.date }),
      (row) => row,
    );
  }

  async productDaily(query: SalesRollupQuery): Promise<Page<ProductDailySalesView>> {
    const { limit = 100, cursor, ...filters } = query;
    const after = cursorKey(cursor, filters, stringKey<ProductDayKey>('date', 'productId'));
    const rows = await this.sales.productDaily(salesFilter(filters), after, limit + 1);
    return pageOf(
      rows,
      limit,
      filters,
      (row) => ({ date: row.date, productId: row.product_id }),
      (row) => row,
    );
  }

  async byCategory(query: CategorySalesQuery): Promise<Page<CategorySalesView>> {
    const { limit = 100, cursor, ...filters } = query;
    const after = cursorKey(cursor, filters, isCategoryKey);
    const rows = await this.sales.byCategory(salesFilter(filters), after, limit + 1);
    return pageOf(
      rows,
      limit,
      filters,
      (row) => ({ category: row.category }),
      (row) => row,
    );
  }
}
