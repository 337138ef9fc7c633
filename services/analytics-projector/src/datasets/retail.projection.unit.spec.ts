import { fixtureMetadata, VALID_EVENTS } from '@tributary/contracts';
import { exact } from './datasets.test-data';
import { DATASET_PROJECTIONS } from './dataset-projections';

// The declared projections (declared-projection.ts), under the names these cases knew them by.
const { row: retailProductRow } = DATASET_PROJECTIONS['retail.products'];
const { row: retailSaleRow } = DATASET_PROJECTIONS['retail.sales'];

const JOB = '6f1c1f6e-2a57-4e0b-9d55-1c9b1c1a0001';

describe('retailProductRow', () => {
  it('maps the golden product, its price exact', () => {
    const row = retailProductRow(VALID_EVENTS['retail.products']);
    expect(row).toEqual({
      product_id: 'p-1',
      name: 'Espresso beans 1 kg',
      category: 'Coffee',
      price: exact('24.9900'),
      occurred_at: '2026-11-22 10:00:00',
      version: exact('7530208454246400001'),
      event_id: '00000000-0000-4000-8000-00000000000a',
      source_kind: 'file',
      job_id: JOB,
      row_number: 1,
      ingested_at: '2026-11-22 10:00:01',
    });
    expect(JSON.stringify(row)).toContain('"price":24.9900,');
  });

  it('keeps an unpriced product unpriced', () => {
    expect(retailProductRow({ ...VALID_EVENTS['retail.products'], price: null })).toMatchObject({
      price: null,
    });
  });
});

describe('retailSaleRow', () => {
  it('maps the golden sale (an SFTP file row 7)', () => {
    const row = retailSaleRow(VALID_EVENTS['retail.sales']);
    expect(row).toEqual({
      sale_id: 's-1',
      product_id: 'p-1',
      quantity: 2,
      amount: exact('49.9800'),
      sale_date: '2026-11-21',
      event_id: '00000000-0000-4000-8000-00000000000b',
      source_kind: 'sftp',
      job_id: JOB,
      row_number: 7,
      ingested_at: '2026-11-22 10:00:01',
    });
    expect(JSON.stringify(row)).toContain('"amount":49.9800,');
  });

  it('refuses a sale day outside ClickHouse Date', () => {
    expect(() =>
      retailSaleRow({
        ...VALID_EVENTS['retail.sales'],
        metadata: fixtureMetadata('00000000-0000-4000-8000-0000000000d1'),
        sale_date: '1900-01-01',
      }),
    ).toThrow('sale_date: "1900-01-01" is outside');
  });
});
