import { VALID_EVENTS } from '@tributary/contracts';
import { dimensionRow } from '../dimensions/dimension';
import { RETAIL_PRODUCTS } from './retail.dimensions';

describe('retail dimensions', () => {
  it('maps a product event to its retail_products row, the price as exact text', () => {
    const row = dimensionRow(RETAIL_PRODUCTS, VALID_EVENTS['retail.products']);
    expect(row).toEqual({
      key: 'p-1',
      values: {
        product_id: 'p-1',
        name: 'Espresso beans 1 kg',
        category: 'Coffee',
        price: '24.9900',
      },
      event_id: '00000000-0000-4000-8000-00000000000a',
      updated_at: new Date('2026-11-22T10:00:00.000Z'),
      row_number: 1,
    });
    expect(Object.keys(RETAIL_PRODUCTS.columns)).toEqual(Object.keys(row.values));
  });
});
