import { type TributaryRetail } from '@tributary/contracts';
import {
  date,
  dimensionProvenance,
  money,
  nullableMoney,
  provenance,
  type DimensionProvenance,
  type ExactNumber,
  type Provenance,
} from './row-values';

/** A row of retail_products, as JSONEachRow sends it. */
export interface RetailProductRow extends DimensionProvenance {
  product_id: string;
  name: string;
  category: string;
  price: ExactNumber | null;
}

export function retailProductRow(event: TributaryRetail.ProductUpserted): RetailProductRow {
  return {
    product_id: event.product_id,
    name: event.name,
    category: event.category,
    price: nullableMoney('price', event.price),
    ...dimensionProvenance(event.metadata),
  };
}

/** A row of retail_sales. */
export interface RetailSaleRow extends Provenance {
  sale_id: string;
  product_id: string;
  quantity: number;
  amount: ExactNumber;
  sale_date: string;
}

export function retailSaleRow(event: TributaryRetail.SaleRecorded): RetailSaleRow {
  return {
    sale_id: event.sale_id,
    product_id: event.product_id,
    quantity: event.quantity,
    amount: money('amount', event.amount),
    sale_date: date('sale_date', event.sale_date),
    ...provenance(event.metadata),
  };
}
