import { ch } from '@tributary/platform';
import { type ConnectStore } from '../testing/clickhouse-store.test-bed';
import { ClickHouseSalesStore } from './sales.clickhouse-store';
import { type SalesFilter, type StoredSale } from './sales.store';

const QUOTED = "p'4\\"; // a product id with a quote and a backslash
const INGESTED = ch.dateTime(new Date('2031-04-01T00:00:00Z'));
const decimal = (text: string) => {
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`not a decimal literal: ${text}`);
  return ch.raw(text);
};

const product = (id: string, category: string, version: number) =>
  ch.sql`(${ch.str(id)}, ${ch.str(`Name of ${id}`)}, ${ch.str(category)}, NULL, ${INGESTED},
    ${ch.int(version)}, ${ch.str(`${id}-v${version}`)}, 'file', 'job', 1, ${INGESTED})`;

// p1 was re-sent in another category: its latest version (Tea) is the one sales show.
const PRODUCTS = [
  product('p1', 'Coffee', 1),
  product('p1', 'Tea', 2),
  product('p2', 'Coffee', 1),
  product('p3', 'Bakery', 1),
  product(QUOTED, 'Snacks', 1),
];

const sale = (
  eventId: string,
  saleId: string,
  productId: string,
  quantity: number,
  amount: string,
  day: string,
) =>
  ch.sql`(${ch.str(saleId)}, ${ch.str(productId)}, ${ch.int(quantity)}, ${decimal(amount)},
    ${ch.date(day)}, ${ch.str(eventId)}, 'file', 'job', 1, ${INGESTED})`;

// e3 repeats e2's sale id (two rows of a file: two sales); e5 is negative; e4's product is
// unknown; e6's amount needs more digits than a float has; e2 is delivered twice.
const SALES = [
  sale('e1', 's1', 'p1', 2, '10.5', '2031-03-03'),
  sale('e2', 's2', 'p2', 1, '3.25', '2031-03-03'),
  sale('e3', 's2', 'p2', 1, '3.25', '2031-03-03'),
  sale('e4', 's3', 'p9', 4, '8', '2031-03-04'),
  sale('e5', 's4', 'p1', -1, '-5.25', '2031-03-04'),
  sale('e6', 's5', 'p3', 3, '12345678901234.5678', '2031-03-05'),
  sale('e7', 's6', QUOTED, 1, '0.0001', '2031-03-05'),
];
const REDELIVERED = [sale('e2', 's2', 'p2', 1, '3.25', '2031-03-03')];

const stored = (
  event_id: string,
  sale_id: string,
  product_id: string,
  quantity: number,
  amount: string,
  sale_date: string,
  category: string | null,
): StoredSale => ({ event_id, sale_id, product_id, quantity, amount, sale_date, category });

const E = {
  e1: stored('e1', 's1', 'p1', 2, '10.5000', '2031-03-03', 'Tea'),
  e2: stored('e2', 's2', 'p2', 1, '3.2500', '2031-03-03', 'Coffee'),
  e3: stored('e3', 's2', 'p2', 1, '3.2500', '2031-03-03', 'Coffee'),
  e4: stored('e4', 's3', 'p9', 4, '8.0000', '2031-03-04', null),
  e5: stored('e5', 's4', 'p1', -1, '-5.2500', '2031-03-04', 'Tea'),
  e6: stored('e6', 's5', 'p3', 3, '12345678901234.5678', '2031-03-05', 'Bakery'),
  e7: stored('e7', 's6', QUOTED, 1, '0.0001', '2031-03-05', 'Snacks'),
};

const HOSTILE = [
  "x' OR '1'='1",
  '\\',
  "'; DROP TABLE retail_sales; --",
  'é\u{1F600}',
  'x'.repeat(128),
];

/**
 * The retail reads, run by the 18.16 integration test and the chDB conformance test alike: both
 * engines must give these hand-computed answers to the SQL the gateway sends.
 */
export function describeSalesStore(name: string, connect: ConnectStore): void {
  describe(name, () => {
    let store: ClickHouseSalesStore;
    let close: () => Promise<void> = () => Promise.resolve();

    beforeAll(async () => {
      const connection = await connect();
      close = connection.close;
      const { client } = connection;
      await client.command({
        query: ch.sql`INSERT INTO retail_products (product_id, name, category, price, occurred_at,
          version, event_id, source_kind, job_id, row_number, ingested_at)
          VALUES ${ch.join(PRODUCTS)}`.text,
      });
      const columns = ch.raw(
        'retail_sales (sale_id, product_id, quantity, amount, sale_date, event_id, source_kind, job_id, row_number, ingested_at)',
      );
      for (const rows of [SALES, REDELIVERED])
        await client.command({
          query: ch.sql`INSERT INTO ${columns} VALUES ${ch.join(rows)}`.text,
        });
      store = new ClickHouseSalesStore(client);
    });

    afterAll(() => close());

    it('lists every sale once, in (day, product, event) order, with its current category', async () => {
      expect(await store.list({}, undefined, 100)).toEqual([
        E.e1,
        E.e2,
        E.e3,
        E.e5,
        E.e4,
        E.e7,
        E.e6,
      ]);
    });

    it.each<[string, SalesFilter, string[]]>([
      ['one day', { day: '2031-03-04' }, ['e5', 'e4']],
      ['a range', { from: '2031-03-04', to: '2031-03-05' }, ['e5', 'e4']],
      ['a product with a quote and a backslash', { productId: QUOTED }, ['e7']],
      ["a product's current category", { category: 'Tea' }, ['e1', 'e5']],
      ["a product's former category", { category: 'Coffee' }, ['e2', 'e3']],
      ['category and day', { category: 'Tea', day: '2031-03-03' }, ['e1']],
      ...HOSTILE.map((value): [string, SalesFilter, string[]] => [
        `hostile product ${value.slice(0, 20)}`,
        { productId: value },
        [],
      ]),
      ...HOSTILE.map((value): [string, SalesFilter, string[]] => [
        `hostile category ${value.slice(0, 20)}`,
        { category: value },
        [],
      ]),
    ])('filters by %s', async (_name, filter, ids) => {
      const rows = await store.list(filter, undefined, 100);
      expect(rows.map((r) => r.event_id)).toEqual(ids);
    });

    it('pages on (day, product, event) without skipping or repeating', async () => {
      const seen: string[] = [];
      let after: { date: string; productId: string; eventId: string } | undefined;
      for (;;) {
        const page = await store.list({}, after, 2);
        seen.push(...page.map((r) => r.event_id));
        const last = page.at(-1);
        if (!last) break;
        after = { date: last.sale_date, productId: last.product_id, eventId: last.event_id };
      }
      expect(seen).toEqual(['e1', 'e2', 'e3', 'e5', 'e4', 'e7', 'e6']);
    });

    it('counts per day, exactly', async () => {
      expect(await store.daily({}, undefined, 100)).toEqual([
        { date: '2031-03-03', sales: 3, quantity: 4, amount: '17.0000' },
        { date: '2031-03-04', sales: 2, quantity: 3, amount: '2.7500' },
        { date: '2031-03-05', sales: 2, quantity: 4, amount: '12345678901234.5679' },
      ]);
      expect(await store.daily({ category: 'Tea' }, '2031-03-03', 100)).toEqual([
        { date: '2031-03-04', sales: 1, quantity: -1, amount: '-5.2500' },
      ]);
      expect(await store.daily({ productId: "x' OR 1=1 --" }, undefined, 100)).toEqual([]);
    });

    it('counts per day and product, and pages on (day, product)', async () => {
      const all = [
        { date: '2031-03-03', product_id: 'p1', sales: 1, quantity: 2, amount: '10.5000' },
        { date: '2031-03-03', product_id: 'p2', sales: 2, quantity: 2, amount: '6.5000' },
        { date: '2031-03-04', product_id: 'p1', sales: 1, quantity: -1, amount: '-5.2500' },
        { date: '2031-03-04', product_id: 'p9', sales: 1, quantity: 4, amount: '8.0000' },
        { date: '2031-03-05', product_id: QUOTED, sales: 1, quantity: 1, amount: '0.0001' },
        {
          date: '2031-03-05',
          product_id: 'p3',
          sales: 1,
          quantity: 3,
          amount: '12345678901234.5678',
        },
      ];
      expect(await store.productDaily({}, undefined, 100)).toEqual(all);
      expect(
        await store.productDaily(
          { from: '2031-03-03' },
          { date: '2031-03-03', productId: 'p2' },
          3,
        ),
      ).toEqual(all.slice(2, 5));
    });

    it('sums per category, unknown products last, and pages on the category', async () => {
      const all = [
        { category: 'Bakery', sales: 1, quantity: 3, amount: '12345678901234.5678' },
        { category: 'Coffee', sales: 2, quantity: 2, amount: '6.5000' },
        { category: 'Snacks', sales: 1, quantity: 1, amount: '0.0001' },
        { category: 'Tea', sales: 2, quantity: 1, amount: '5.2500' },
        { category: null, sales: 1, quantity: 4, amount: '8.0000' },
      ];
      expect(await store.byCategory({}, undefined, 100)).toEqual(all);
      expect(await store.byCategory({}, { category: 'Coffee' }, 2)).toEqual(all.slice(2, 4));
      expect(await store.byCategory({}, { category: 'Tea' }, 2)).toEqual(all.slice(4));
      expect(await store.byCategory({}, { category: null }, 2)).toEqual([]);
      expect(
        await store.byCategory({ from: '2031-03-04', to: '2031-03-05' }, undefined, 100),
      ).toEqual([
        { category: 'Tea', sales: 1, quantity: -1, amount: '-5.2500' },
        { category: null, sales: 1, quantity: 4, amount: '8.0000' },
      ]);
    });
  });
}
