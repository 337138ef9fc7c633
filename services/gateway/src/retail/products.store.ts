/** A product as the directory holds it (Postgres `directory.retail_products`). */
export interface StoredProduct {
  product_id: string;
  name: string;
  category: string;
  /** Exact decimal text, 4 places; null when the file gave no price. */
  price: string | null;
}

export interface StoredCategory {
  category: string;
  products: number;
  /** Exact decimal text rounded to 4 places; null when no product of it has a price. */
  average_price: string | null;
}

export interface ProductFilter {
  productId?: string;
  category?: string;
  /** Case-insensitive prefix of the name; matched literally (no wildcards). */
  namePrefix?: string;
}

/**
 * Products and categories in byte order of their ids (`COLLATE "C"`): the same order whatever the
 * database's collation, so a keyset cursor means the same thing on every replica.
 */
export interface ProductsStore {
  list(
    filter: ProductFilter,
    afterProductId: string | undefined,
    limit: number,
  ): Promise<StoredProduct[]>;
  categories(afterCategory: string | undefined, limit: number): Promise<StoredCategory[]>;
}

export const PRODUCTS_STORE = Symbol('PRODUCTS_STORE');
