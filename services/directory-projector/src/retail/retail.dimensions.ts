import { dimensionEntity, type DimensionSpec } from '../dimensions/dimension';

/** A row of `directory.retail_products`: the catalogue, looked up by id and category. */
export interface RetailProductRow {
  product_id: string;
  name: string;
  category: string;
  /** Exact decimal as text ('24.9900'), never a float: numeric(18,4) in Postgres. */
  price: string | null;
}

export const RETAIL_PRODUCTS: DimensionSpec<'retail.products', RetailProductRow> = {
  topic: 'retail.products',
  table: 'retail_products',
  key: 'product_id',
  columns: { product_id: 'text', name: 'text', category: 'text', price: 'numeric' },
  nullable: ['price'],
  row: (event) => ({
    product_id: event.product_id,
    name: event.name,
    category: event.category,
    price: event.price,
  }),
};

export const RetailProductEntity = dimensionEntity(RETAIL_PRODUCTS);
