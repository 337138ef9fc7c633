import { fixtureMetadata, VALID_EVENTS } from '@tributary/contracts';
import { DATASET_PROJECTIONS } from './dataset-projections';
import { exact } from './datasets.test-data';

// The declared projections (declared-projection.ts), under the names these cases knew them by.
const { row: bankingClientRow } = DATASET_PROJECTIONS['banking.clients'];
const { row: bankingTransactionRow } = DATASET_PROJECTIONS['banking.transactions'];

const JOB = '6f1c1f6e-2a57-4e0b-9d55-1c9b1c1a0001';

describe('bankingClientRow', () => {
  it('maps the golden client', () => {
    expect(bankingClientRow(VALID_EVENTS['banking.clients'])).toEqual({
      client_id: 'c-42',
      name: 'Ana Souza',
      email: 'ana@example.com',
      country: 'PT',
      created_at: '2020-01-15 00:00:00',
      occurred_at: '2026-11-22 10:00:00',
      // 1,795,341,600,000 ms × 2^22 + row 1
      version: exact('7530208454246400001'),
      event_id: '00000000-0000-4000-8000-000000000008',
      source_kind: 'file',
      job_id: JOB,
      row_number: 1,
      ingested_at: '2026-11-22 10:00:01',
    });
  });

  it('keeps missing contact details null; drops the milliseconds of created_at', () => {
    expect(
      bankingClientRow({
        ...VALID_EVENTS['banking.clients'],
        email: null,
        country: null,
        created_at: new Date('2021-06-30T12:34:56.789Z'),
      }),
    ).toMatchObject({ email: null, country: null, created_at: '2021-06-30 12:34:56' });
    expect(
      bankingClientRow({ ...VALID_EVENTS['banking.clients'], created_at: null }),
    ).toMatchObject({ created_at: null });
  });

  it('refuses a creation date before 1970, which 18.16 would store as 0000-00-00', () => {
    expect(() =>
      bankingClientRow({
        ...VALID_EVENTS['banking.clients'],
        created_at: new Date('1965-05-01T00:00:00.000Z'),
      }),
    ).toThrow("created_at: 1965-05-01T00:00:00.000Z is outside ClickHouse DateTime's range");
  });
});

describe('bankingTransactionRow', () => {
  it('maps the golden withdrawal, its negative amount exact', () => {
    const row = bankingTransactionRow(VALID_EVENTS['banking.transactions']);
    expect(row).toEqual({
      transaction_id: 'bt-1',
      client_id: 'c-42',
      transaction_type: 'withdrawal',
      transaction_date: '2026-11-22 10:00:00',
      amount: exact('-250.0000'),
      currency: 'EUR',
      event_id: '00000000-0000-4000-8000-000000000009',
      source_kind: 'file',
      job_id: JOB,
      row_number: 1,
      ingested_at: '2026-11-22 10:00:01',
    });
    expect(JSON.stringify(row)).toContain('"amount":-250.0000,');
  });

  it('keeps 18 significant digits that a double would round', () => {
    const row = bankingTransactionRow({
      ...VALID_EVENTS['banking.transactions'],
      metadata: fixtureMetadata('00000000-0000-4000-8000-0000000000b1', {
        source: { kind: 'file', reference: JOB, row_number: 123_456 },
      }),
      transaction_type: 'deposit',
      transaction_date: new Date('2026-02-28T08:30:15.001Z'),
      amount: '12345678901234.5678',
    });
    expect(row).toMatchObject({
      transaction_type: 'deposit',
      transaction_date: '2026-02-28 08:30:15',
      amount: exact('12345678901234.5678'),
      row_number: 123_456,
    });
    expect(JSON.stringify(row)).toContain('"amount":12345678901234.5678,');
    expect(Number('12345678901234.5678')).toBe(12345678901234.568);
  });
});
