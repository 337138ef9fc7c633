import { type ProductsStore } from './products.store';
import { RetailService } from './retail.service';
import { type SalesStore, type StoredSale } from './sales.store';

const sale = (eventId: string, day: string): StoredSale => ({
  event_id: eventId,
  sale_id: `s-${eventId}`,
  product_id: 'p1',
  quantity: 1,
  amount: '1.0000',
  sale_date: day,
  category: null,
});

function service() {
  const calls: unknown[][] = [];
  const sales: SalesStore = {
    list: (...args) => {
      calls.push(args);
      return Promise.resolve([sale('e1', '2031-03-03'), sale('e2', '2031-03-04')]);
    },
    daily: () => Promise.resolve([]),
    productDaily: () => Promise.resolve([]),
    byCategory: (...args) => {
      calls.push(args);
      return Promise.resolve([
        { category: 'Tea', sales: 1, quantity: 1, amount: '1.0000' },
        { category: null, sales: 1, quantity: 1, amount: '1.0000' },
      ]);
    },
  };
  const products = {} as ProductsStore;
  return { retail: new RetailService(products, sales), calls };
}

describe('RetailService', () => {
  it('asks for one row more than the page, hides the event id, and resumes after the last row', async () => {
    const { retail, calls } = service();
    const page = await retail.listSales({ limit: 1, date: '2031-03-03' });
    expect(page.items).toEqual([
      {
        sale_id: 's-e1',
        product_id: 'p1',
        quantity: 1,
        amount: '1.0000',
        sale_date: '2031-03-03',
        category: null,
      },
    ]);
    expect(calls[0]).toEqual([{ day: '2031-03-03' }, undefined, 2]);
    await retail.listSales({ limit: 1, date: '2031-03-03', cursor: page.next_cursor! });
    expect(calls[1]).toEqual([
      { day: '2031-03-03' },
      { date: '2031-03-03', productId: 'p1', eventId: 'e1' },
      2,
    ]);
  });

  it('refuses a cursor issued for other filters', async () => {
    const { retail } = service();
    const page = await retail.listSales({ limit: 1, date: '2031-03-03' });
    await expect(
      retail.listSales({ limit: 1, date: '2031-03-04', cursor: page.next_cursor! }),
    ).rejects.toMatchObject({ slug: 'validation-failed' });
  });

  it("carries the unknown products' group (null) in a category cursor", async () => {
    const { retail, calls } = service();
    const page = await retail.byCategory({ limit: 2 });
    expect(page.next_cursor).toBeNull();
    const first = await retail.byCategory({ limit: 1 });
    await retail.byCategory({ limit: 1, cursor: first.next_cursor! });
    expect(calls.at(-1)).toEqual([{}, { category: 'Tea' }, 2]);
  });
});
