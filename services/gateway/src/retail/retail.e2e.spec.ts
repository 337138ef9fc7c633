import { type Row } from '@tributary/testing';
import { datasetApiBed, START } from '../testing/dataset-api.test-bed';

/**
 * The retail and energy-usage routes on the real pipeline: every expected value below is computed
 * here from the generated rows (exact decimals as scaled BigInts), never by asking the database.
 *
 * Other suites may publish on the same topics while this one runs: their ids carry another
 * prefix (so lists keep `ours`), but categories are not prefixed and their sales fall on the same
 * days. Aggregates over all products of a day or a category therefore add the foreign rows the
 * sales list shows (normally none) to ours before comparing.
 */

jest.setTimeout(180_000);

interface Sale {
  sale_id: string;
  product_id: string;
  quantity: number;
  amount: string;
  sale_date: string;
  category: string | null;
}
interface Product {
  product_id: string;
  name: string;
  category: string;
  price: string | null;
}
interface Usage {
  user_id: string;
  period: string;
  usage_kwh: number;
  records: number;
}
interface Totals {
  sales: number;
  quantity: number;
  amount: string;
}
interface Problem {
  type: string;
  status: number;
  errors?: { path: string; message: string }[];
}

const day = (offset: number) =>
  new Date(Date.parse(`${START}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
const FROM = START;
const TO = day(31);

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
/** Tuples of strings (or null, last) in byte order, field by field. */
const compareKeys = (a: readonly (string | null)[], b: readonly (string | null)[]) => {
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i] ?? null, b[i] ?? null];
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return byteOrder(x, y);
  }
  return 0;
};

/** A decimal as ten-thousandths, exactly. */
const units = (value: string | number): bigint => {
  const [, sign, whole, fraction = ''] = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(value))!;
  const magnitude = BigInt(whole!) * 10_000n + BigInt(fraction.padEnd(4, '0').slice(0, 4));
  return sign ? -magnitude : magnitude;
};
const fourPlaces = (value: bigint): string => {
  const magnitude = value < 0n ? -value : value;
  const text = `${magnitude / 10_000n}.${String(magnitude % 10_000n).padStart(4, '0')}`;
  return value < 0n ? `-${text}` : text;
};
/** sum / count rounded half away from zero to 4 places. */
const mean = (sum: bigint, count: number): bigint => {
  const n = BigInt(count);
  const magnitude = ((sum < 0n ? -sum : sum) * 2n + n) / (2n * n);
  return sum < 0n ? -magnitude : magnitude;
};

function totalsOf(sales: readonly Sale[]): Totals {
  return {
    sales: sales.length,
    quantity: sales.reduce((sum, s) => sum + s.quantity, 0),
    amount: fourPlaces(sales.reduce((sum, s) => sum + units(s.amount), 0n)),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => (string | null)[]) {
  const groups = new Map<string, { key: (string | null)[]; items: T[] }>();
  for (const item of items) {
    const k = key(item);
    const id = JSON.stringify(k);
    const group = groups.get(id) ?? { key: k, items: [] };
    group.items.push(item);
    groups.set(id, group);
  }
  return [...groups.values()].sort((a, b) => compareKeys(a.key, b.key));
}

/** A sale list in a canonical order, to compare as multisets (the event id is not shown). */
const canonical = (sales: readonly Sale[]) =>
  [...sales].sort((a, b) =>
    compareKeys(
      [a.sale_date, a.product_id, a.sale_id, JSON.stringify(a)],
      [b.sale_date, b.product_id, b.sale_id, JSON.stringify(b)],
    ),
  );

const query = (params: Record<string, string | number>) =>
  `?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString()}`;

describe('retail and energy usage routes, end to end', () => {
  // Seed 4 plants a duplicate, an orphan and a negative sale, and null and negative usage.
  const bed = datasetApiBed('retail-e2e', {
    seed: 4,
    datasets: ['retail.products', 'retail.sales', 'energy.usage'],
  });

  let products: Product[];
  let categoryOf: Map<string, string>;
  let sales: Sale[];

  beforeAll(() => {
    products = bed.rows['retail.products'].map((row) => ({
      product_id: String(row['product_id']),
      name: String(row['name']),
      category: String(row['category']),
      price: row['price'] === null ? null : fourPlaces(units(row['price']!)),
    }));
    categoryOf = new Map(products.map((p) => [p.product_id, p.category]));
    sales = bed.rows['retail.sales'].map((row) => toSale(row));
  });

  const toSale = (row: Row): Sale => ({
    sale_id: String(row['sale_id']),
    product_id: String(row['product_id']),
    quantity: Number(row['quantity']),
    amount: fourPlaces(units(row['amount']!)),
    sale_date: String(row['sale_date']),
    category: categoryOf.get(String(row['product_id'])) ?? null,
  });

  /** Sales of other suites on our days, as the sales list shows them. */
  const foreignSales = async () =>
    (await bed.all<Sale>(`/v1/retail/sales${query({ from: FROM, to: TO, limit: 1000 })}`)).filter(
      (s) => !bed.ours(s.sale_id),
    );

  /**
   * Compares a route with what the test computes from our rows plus any foreign rows seen; a
   * foreign row arriving between the two reads is waited out by reading again.
   */
  async function expectAggregate<T>(path: string, compute: (all: Sale[]) => T[]) {
    let actual: T[] = [];
    let expected: T[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const foreign = await foreignSales();
      actual = await bed.all<T>(path);
      expected = compute([...sales, ...foreign]);
      if (JSON.stringify(actual) === JSON.stringify(expected)) break;
    }
    expect(actual).toEqual(expected);
  }

  it('planted the anomalies this suite relies on, and ingest rejected only null usage', () => {
    const kinds = (dataset: string) =>
      new Set(bed.anomalies.filter((a) => a.dataset === dataset).map((a) => a.kind));
    expect(kinds('retail.sales')).toEqual(new Set(['duplicate', 'orphan', 'negative']));
    expect(kinds('energy.usage')).toEqual(new Set(['null', 'negative']));
    expect(bed.jobs.get('retail.sales')?.rows.rejected).toBe(0);
    const nullUsage = bed.rows['energy.usage'].filter((r) => r['usage_kwh'] === null).length;
    expect(bed.jobs.get('energy.usage')?.rows.rejected).toBe(nullUsage);
  });

  describe('products', () => {
    it('lists every product once over small pages, in byte order, prices exact', async () => {
      const listed = (await bed.all<Product>('/v1/retail/products?limit=5')).filter((p) =>
        bed.ours(p.product_id),
      );
      expect(listed).toEqual([...products].sort((a, b) => byteOrder(a.product_id, b.product_id)));
    });

    it.each([
      ['a category', { category: 'Coffee' }, (p: Product) => p.category === 'Coffee'],
      [
        'a name prefix, any case',
        { name: 'pRODUCT 1' },
        (p: Product) => p.name.startsWith('Product 1'),
      ],
    ])('filters by %s', async (_name, params, keep) => {
      const listed = (
        await bed.all<Product>(`/v1/retail/products${query({ ...params, limit: 2 })}`)
      ).filter((p) => bed.ours(p.product_id));
      const expected = products.filter(keep).sort((a, b) => byteOrder(a.product_id, b.product_id));
      expect(expected.length).toBeGreaterThan(0);
      expect(listed).toEqual(expected);
    });

    it('finds one product by id', async () => {
      const product = products[3]!;
      const { status, body } = await bed.get<{ items: Product[] }>(
        `/v1/retail/products${query({ product_id: product.product_id })}`,
      );
      expect(status).toBe(200);
      expect(body.items).toEqual([product]);
    });

    it('derives categories: product counts and exact mean prices', async () => {
      let actual: unknown[] = [];
      let expected: unknown[] = [];
      for (let attempt = 0; attempt < 5; attempt++) {
        const foreign = (await bed.all<Product>('/v1/retail/products?limit=1000')).filter(
          (p) => !bed.ours(p.product_id),
        );
        actual = await bed.all('/v1/retail/categories?limit=2');
        expected = groupBy([...products, ...foreign], (p) => [p.category]).map(({ key, items }) => {
          const priced = items.filter((p) => p.price !== null);
          return {
            category: key[0],
            products: items.length,
            average_price:
              priced.length === 0
                ? null
                : fourPlaces(
                    mean(
                      priced.reduce((sum, p) => sum + units(p.price!), 0n),
                      priced.length,
                    ),
                  ),
          };
        });
        if (JSON.stringify(actual) === JSON.stringify(expected)) break;
      }
      expect(actual).toEqual(expected);
    });
  });

  describe('sales', () => {
    const ourSales = async (params: Record<string, string | number>) =>
      (await bed.all<Sale>(`/v1/retail/sales${query({ ...params, limit: 7 })}`)).filter((s) =>
        bed.ours(s.sale_id),
      );

    it('lists every accepted row once, duplicates, negatives and orphans included', async () => {
      const listed = await ourSales({ from: FROM, to: TO });
      expect(canonical(listed)).toEqual(canonical(sales));
      // The documented order: (sale_date, product_id) ascending.
      for (let i = 1; i < listed.length; i++)
        expect(
          compareKeys(
            [listed[i - 1]!.sale_date, listed[i - 1]!.product_id],
            [listed[i]!.sale_date, listed[i]!.product_id],
          ),
        ).toBeLessThanOrEqual(0);
      // The planted defects are served as they are: a repeated sale id is two sales.
      expect(listed.some((s) => s.category === null)).toBe(true);
      expect(listed.some((s) => s.quantity < 0)).toBe(true);
      const ids = listed.map((s) => s.sale_id);
      expect(new Set(ids).size).toBe(ids.length - 1);
    });

    it('filters by one day, a range, a product and a category', async () => {
      const busiest = groupBy(sales, (s) => [s.sale_date]).sort(
        (a, b) => b.items.length - a.items.length,
      )[0]!.key[0]!;
      const product = sales[0]!.product_id;
      const category = sales.find((s) => s.category !== null)!.category!;
      const cases: [Record<string, string>, (s: Sale) => boolean][] = [
        [{ date: busiest }, (s) => s.sale_date === busiest],
        [{ from: day(5), to: day(12) }, (s) => s.sale_date >= day(5) && s.sale_date < day(12)],
        [{ product_id: product }, (s) => s.product_id === product],
        [{ category, from: FROM, to: TO }, (s) => s.category === category],
      ];
      for (const [params, keep] of cases) {
        const expected = canonical(sales.filter(keep));
        expect(expected.length).toBeGreaterThan(0);
        expect(canonical(await ourSales(params))).toEqual(expected);
      }
    });

    it('counts per day', async () => {
      await expectAggregate(
        `/v1/retail/sales/daily-count${query({ from: FROM, to: TO, limit: 4 })}`,
        (all) =>
          groupBy(all, (s) => [s.sale_date]).map(({ key, items }) => ({
            date: key[0],
            ...totalsOf(items),
          })),
      );
    });

    it('counts per day for one product, and for one category', async () => {
      const product = sales[1]!.product_id;
      const daily = (items: Sale[]) =>
        groupBy(items, (s) => [s.sale_date]).map(({ key, items: group }) => ({
          date: key[0],
          ...totalsOf(group),
        }));
      expect(
        await bed.all(`/v1/retail/sales/daily-count${query({ product_id: product, limit: 2 })}`),
      ).toEqual(daily(sales.filter((s) => s.product_id === product)));
      await expectAggregate(
        `/v1/retail/sales/daily-count${query({ category: 'Tea', from: FROM, to: TO, limit: 3 })}`,
        (all) => daily(all.filter((s) => s.category === 'Tea')),
      );
    });

    it('counts per day and product', async () => {
      await expectAggregate(
        `/v1/retail/sales/product-daily-count${query({ from: FROM, to: TO, limit: 6 })}`,
        (all) =>
          groupBy(all, (s) => [s.sale_date, s.product_id]).map(({ key, items }) => ({
            date: key[0],
            product_id: key[1],
            ...totalsOf(items),
          })),
      );
    });

    it('sums per category, sales of unknown products last', async () => {
      for (const [from, to] of [
        [FROM, TO],
        [day(3), day(9)],
      ] as const)
        await expectAggregate(
          `/v1/retail/sales/category-sales${query({ from, to, limit: 2 })}`,
          (all) =>
            groupBy(
              all.filter((s) => s.sale_date >= from && s.sale_date < to),
              (s) => [s.category],
            ).map(({ key, items }) => ({ category: key[0], ...totalsOf(items) })),
        );
    });
  });

  describe('energy usage', () => {
    const accepted = () =>
      bed.rows['energy.usage']
        .filter((row) => row['usage_kwh'] !== null)
        .map((row) => ({
          user_id: String(row['user_id']),
          date: String(row['date']),
          kwh: Number(row['usage_kwh']),
        }));
    const expectedUsage = (
      rows: ReturnType<typeof accepted>,
      granularity: 'day' | 'month',
    ): Usage[] =>
      groupBy(rows, (r) => [r.user_id, granularity === 'day' ? r.date : r.date.slice(0, 7)]).map(
        ({ key, items }) => ({
          user_id: key[0]!,
          period: key[1]!,
          usage_kwh: Math.round(items.reduce((sum, r) => sum + r.kwh, 0) * 10_000) / 10_000,
          records: items.length,
        }),
      );

    it.each(['day', 'month'] as const)(
      'sums per user and %s over small pages',
      async (granularity) => {
        const listed = (
          await bed.all<Usage>(
            `/v1/energy/usage${query({ granularity, from: FROM, to: TO, limit: 3 })}`,
          )
        ).filter((u) => bed.ours(u.user_id));
        expect(listed).toEqual(expectedUsage(accepted(), granularity));
      },
    );

    it('filters by user and by days', async () => {
      const user = accepted()[0]!.user_id;
      const params = { user_id: user, from: day(2), to: day(7), granularity: 'month' };
      expect(await bed.all<Usage>(`/v1/energy/usage${query({ ...params, limit: 1 })}`)).toEqual(
        expectedUsage(
          accepted().filter((r) => r.user_id === user && r.date >= day(2) && r.date < day(7)),
          'month',
        ),
      );
    });
  });

  describe('hostile filter values', () => {
    const HOSTILE = [
      "x' OR '1'='1",
      '\\',
      "\\'; DROP TABLE retail_sales; --",
      '%',
      '_',
      'é\u{1F600}\u200B',
      'a'.repeat(128),
    ];
    const ROUTES: [string, string[]][] = [
      ['/v1/retail/products', ['product_id', 'category', 'name']],
      ['/v1/retail/sales', ['product_id', 'category']],
      ['/v1/retail/sales/daily-count', ['product_id', 'category']],
      ['/v1/retail/sales/product-daily-count', ['product_id', 'category']],
      ['/v1/energy/usage', ['user_id']],
    ];

    it('answer 200 with nothing matched', async () => {
      for (const [route, params] of ROUTES)
        for (const param of params)
          for (const value of HOSTILE) {
            const { status, body } = await bed.get<{ items: unknown[] }>(
              `${route}${query({ [param]: value })}`,
            );
            expect({ route, param, value, status, items: body.items }).toEqual({
              route,
              param,
              value,
              status: 200,
              items: [],
            });
          }
    });

    it.each([
      ['/v1/retail/products?product_id=' + 'a'.repeat(129), 'product_id'],
      ['/v1/retail/products?name=a%00b', 'name'],
      ['/v1/retail/products?name=', 'name'],
      ['/v1/retail/products?limit=0', 'limit'],
      ['/v1/retail/products?limit=1001', 'limit'],
      ['/v1/retail/categories?limit=99999999999999999999999', 'limit'],
      ['/v1/retail/categories?category=Tea', ''],
      ['/v1/retail/sales?date=2031-02-30', 'date'],
      ['/v1/retail/sales?date=2031-03-03&from=2031-03-01', 'date'],
      ['/v1/retail/sales?from=99999-01-01', 'from'],
      ['/v1/retail/sales?from=2031-03-05&to=2031-03-05', 'to'],
      ['/v1/retail/sales?category=a%00', 'category'],
      ['/v1/retail/sales/daily-count?date=2031-03-03', ''],
      ['/v1/retail/sales/category-sales?product_id=x', ''],
      ['/v1/retail/sales/category-sales?cursor=%27%3B--', 'cursor'],
      ['/v1/energy/usage?granularity=week', 'granularity'],
      ['/v1/energy/usage?from=1969-12-31', 'from'],
      ['/v1/energy/usage?user_id=a&user_id=b', 'user_id'],
    ])('answer a clean 400 for %s', async (path, field) => {
      const { status, body, headers } = await bed.get<Problem>(path);
      expect(status).toBe(400);
      expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(body.type).toBe('/problems/validation-failed');
      if (field) expect(body.errors?.map((e) => e.path)).toContain(field);
    });

    it('refuses a cursor issued for other filters', async () => {
      const first = await bed.get<{ next_cursor: string }>(
        `/v1/retail/sales${query({ from: FROM, to: TO, limit: 1 })}`,
      );
      const reused = await bed.get<Problem>(
        `/v1/retail/sales${query({ from: FROM, to: day(20), limit: 1, cursor: first.body.next_cursor })}`,
      );
      expect(reused.status).toBe(400);
      expect(reused.body.errors?.[0]?.path).toBe('cursor');
    });
  });

  it('documents every route with an example', async () => {
    const response = await fetch(`${bed.api}/docs-json`);
    const document = (await response.json()) as {
      paths: Record<
        string,
        { get?: { responses: Record<string, { content?: Record<string, { example?: unknown }> }> } }
      >;
    };
    for (const path of [
      '/v1/retail/products',
      '/v1/retail/categories',
      '/v1/retail/sales',
      '/v1/retail/sales/daily-count',
      '/v1/retail/sales/product-daily-count',
      '/v1/retail/sales/category-sales',
      '/v1/energy/usage',
    ])
      expect(
        document.paths[path]?.get?.responses['200']?.content?.['application/json']?.example,
      ).toBeDefined();
  });

  describe('paging while rows arrive', () => {
    it('yields every sale once when new sales land before and after the cursor', async () => {
      const path = (cursor?: string) =>
        `/v1/retail/sales${query({ from: FROM, to: day(40), limit: 5, ...(cursor ? { cursor } : {}) })}`;
      const first = await bed.get<{ items: Sale[]; next_cursor: string | null }>(path());
      const seen = [...first.body.items];
      const product = products[0]!.product_id;
      const late = {
        sale_id: `${bed.prefix}s-late`,
        product_id: product,
        quantity: 2,
        amount: 7.5,
        sale_date: day(35),
      };
      const early = {
        sale_id: `${bed.prefix}s-early`,
        product_id: product,
        quantity: 1,
        amount: 1.25,
        sale_date: FROM,
      };
      await bed.ingest('retail.sales', [early, late]);
      let cursor = first.body.next_cursor;
      while (cursor) {
        const page = await bed.get<{ items: Sale[]; next_cursor: string | null }>(path(cursor));
        expect(page.status).toBe(200);
        seen.push(...page.body.items);
        cursor = page.body.next_cursor;
      }
      const ours = seen.filter((s) => bed.ours(s.sale_id));
      const isNew = (s: Sale) => [early.sale_id, late.sale_id].includes(s.sale_id);
      expect(canonical(ours.filter((s) => !isNew(s)))).toEqual(canonical(sales));
      // A row landing ahead of the cursor is shown once; one landing behind it is not shown.
      expect(ours.filter((s) => s.sale_id === late.sale_id)).toEqual([toSale(late)]);
      const last = first.body.items.at(-1)!;
      const earlyIsBehind =
        compareKeys([early.sale_date, product], [last.sale_date, last.product_id]) < 0;
      expect(ours.filter((s) => s.sale_id === early.sale_id).length).toBeLessThanOrEqual(
        earlyIsBehind ? 0 : 1,
      );
    });

    it('yields every usage period once when new usage lands while walking', async () => {
      const path = (cursor?: string) =>
        `/v1/energy/usage${query({ from: FROM, to: TO, limit: 4, ...(cursor ? { cursor } : {}) })}`;
      const first = await bed.get<{ items: Usage[]; next_cursor: string | null }>(path());
      const lastUser = `${bed.prefix}u-zzzzz`;
      await bed.ingest('energy.usage', [{ user_id: lastUser, date: day(4), usage_kwh: 12.5 }]);
      const seen = [...first.body.items];
      let cursor = first.body.next_cursor;
      while (cursor) {
        const page = await bed.get<{ items: Usage[]; next_cursor: string | null }>(path(cursor));
        seen.push(...page.body.items);
        cursor = page.body.next_cursor;
      }
      const ours = seen.filter((u) => bed.ours(u.user_id));
      const before = ours.filter((u) => u.user_id !== lastUser);
      expect(before).toEqual(
        groupBy(
          bed.rows['energy.usage'].filter((r) => r['usage_kwh'] !== null),
          (r) => [String(r['user_id']), String(r['date'])],
        ).map(({ key, items }) => ({
          user_id: key[0],
          period: key[1],
          usage_kwh:
            Math.round(items.reduce((s, r) => s + Number(r['usage_kwh']), 0) * 10_000) / 10_000,
          records: items.length,
        })),
      );
      expect(ours.filter((u) => u.user_id === lastUser)).toEqual([
        { user_id: lastUser, period: day(4), usage_kwh: 12.5, records: 1 },
      ]);
    });
  });
});
