/** A sale row as stored (analytics-projector's `retail_sales`), with its product's category. */
export interface StoredSale {
  event_id: string;
  sale_id: string;
  product_id: string;
  quantity: number;
  /** Exact decimal text, 4 places. */
  amount: string;
  sale_date: string;
  /** null when no product with this id is known (an orphan sale). */
  category: string | null;
}

export interface SaleTotals {
  sales: number;
  quantity: number;
  /** Exact decimal text, 4 places. */
  amount: string;
}

export interface SalesFilter {
  /** One day; exclusive with from/to. */
  day?: string;
  /** Inclusive. */
  from?: string;
  /** Exclusive. */
  to?: string;
  productId?: string;
  /** Sales of products whose current category is this one. */
  category?: string;
}

/** Oldest first, in the table's own order: `(sale_date, product_id, event_id)` ascending. */
export interface SaleKey {
  date: string;
  productId: string;
  eventId: string;
}

export interface ProductDayKey {
  date: string;
  productId: string;
}

/** Named categories in byte order, then the unknown-product group (null) last. */
export interface CategoryKey {
  category: string | null;
}

export interface SalesStore {
  list(filter: SalesFilter, after: SaleKey | undefined, limit: number): Promise<StoredSale[]>;
  daily(
    filter: SalesFilter,
    afterDate: string | undefined,
    limit: number,
  ): Promise<(SaleTotals & { date: string })[]>;
  productDaily(
    filter: SalesFilter,
    after: ProductDayKey | undefined,
    limit: number,
  ): Promise<(SaleTotals & { date: string; product_id: string })[]>;
  byCategory(
    filter: Pick<SalesFilter, 'from' | 'to'>,
    after: CategoryKey | undefined,
    limit: number,
  ): Promise<(SaleTotals & { category: string | null })[]>;
}

export const SALES_STORE = Symbol('SALES_STORE');
