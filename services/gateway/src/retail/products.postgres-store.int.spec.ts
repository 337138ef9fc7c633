import {
  directoryStoreDatabase,
  PROVENANCE,
  PROVENANCE_VALUES,
} from '../testing/postgres-store.test-bed';
import { PostgresProductsStore } from './products.postgres-store';
import { type StoredProduct } from './products.store';

const bed = directoryStoreDatabase('gateway_products');
let store: PostgresProductsStore;

const QUOTED = "p'\\";
const product = (
  product_id: string,
  name: string,
  category: string,
  price: string | null,
): StoredProduct => ({ product_id, name, category, price });

// Byte order ("C"): upper case before lower case, a quote before a hyphen.
const P = {
  upper: product('P-10', 'Zeta', 'coffee', '1.0000'),
  quoted: product(QUOTED, 'Back\\slash bread', 'Bakery', '99999999999999.9999'),
  p01: product('p-01', 'Espresso', 'Coffee', '2.5000'),
  p02: product('p-02', 'espresso doppio', 'Coffee', '3.7500'),
  p03: product('p-03', 'Green_tea', 'Tea', null),
  p04: product('p-04', 'Green tea 100%', 'Tea', '4.1000'),
  p05: product('p-05', 'Croissant', 'Bakery', '1.2345'),
  p07: product('p-07', '%off', 'Snacks', null),
  p08: product('p-08', 'Milk', 'Dairy', '0.0001'),
  p09: product('p-09', 'Cream', 'Dairy', '0.0002'),
};
const ALL = Object.values(P);

beforeAll(async () => {
  const { db } = bed;
  // The table as the directory's migrations make it; each row with its provenance.
  for (const p of [...ALL].reverse())
    await db.query(
      `INSERT INTO directory.retail_products (product_id, name, category, price, ${PROVENANCE})
       VALUES ($1, $2, $3, $4, ${PROVENANCE_VALUES})`,
      [p.product_id, p.name, p.category, p.price],
    );
  store = new PostgresProductsStore(db);
});

describe("the gateway's product reads on PostgreSQL", () => {
  it('lists products in byte order of their ids, prices exact', async () => {
    expect(await store.list({}, undefined, 100)).toEqual(ALL);
  });

  it.each([
    ['id', { productId: QUOTED }, [P.quoted]],
    ['category, exactly', { category: 'Coffee' }, [P.p01, P.p02]],
    ['name prefix, case-insensitively', { namePrefix: 'ESP' }, [P.p01, P.p02]],
    ['name prefix with _ matched literally', { namePrefix: 'green_' }, [P.p03]],
    ['name prefix with % matched literally', { namePrefix: '%' }, [P.p07]],
    ['name prefix ending in %', { namePrefix: 'green tea 100%' }, [P.p04]],
    ['name prefix with a backslash', { namePrefix: 'back\\' }, [P.quoted]],
    ['name prefix and category', { namePrefix: 'g', category: 'Tea' }, [P.p03, P.p04]],
    ['a hostile id', { productId: "x' OR '1'='1" }, []],
    ['a hostile category', { category: "'; DROP TABLE directory.retail_products; --" }, []],
    ['a hostile name', { namePrefix: 'é\u{1F600}\\%_' }, []],
    ['a long name', { namePrefix: 'e'.repeat(128) }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    expect(await store.list(filter, undefined, 100)).toEqual(expected);
  });

  it('pages on the product id without skipping or repeating', async () => {
    const seen: StoredProduct[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await store.list({}, after, 3);
      seen.push(...page);
      after = page.at(-1)?.product_id;
      if (!after) break;
    }
    expect(seen).toEqual(ALL);
  });

  it('derives categories: counts and the exact mean price, half away from zero', async () => {
    const all = [
      // (1.2345 + 99999999999999.9999) / 2
      { category: 'Bakery', products: 2, average_price: '50000000000000.6172' },
      { category: 'Coffee', products: 2, average_price: '3.1250' },
      // (0.0001 + 0.0002) / 2 = 0.00015
      { category: 'Dairy', products: 2, average_price: '0.0002' },
      { category: 'Snacks', products: 1, average_price: null },
      { category: 'Tea', products: 2, average_price: '4.1000' },
      { category: 'coffee', products: 1, average_price: '1.0000' },
    ];
    expect(await store.categories(undefined, 100)).toEqual(all);
    expect(await store.categories('Coffee', 2)).toEqual(all.slice(2, 4));
    expect(await store.categories('coffee', 2)).toEqual([]);
  });
});
