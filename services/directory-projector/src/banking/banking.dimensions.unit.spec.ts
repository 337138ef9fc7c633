import { VALID_EVENTS } from '@tributary/contracts';
import { dimensionRow } from '../dimensions/dimension';
import { BANKING_CLIENTS } from './banking.dimensions';

describe('banking dimensions', () => {
  it('maps a client event to its banking_clients row', () => {
    const row = dimensionRow(BANKING_CLIENTS, VALID_EVENTS['banking.clients']);
    expect(row).toEqual({
      key: 'c-42',
      values: {
        client_id: 'c-42',
        name: 'Ana Souza',
        email: 'ana@example.com',
        country: 'PT',
        created_at: new Date('2020-01-15T00:00:00.000Z'),
      },
      event_id: '00000000-0000-4000-8000-000000000008',
      updated_at: new Date('2026-11-22T10:00:00.000Z'),
      row_number: 1,
    });
    expect(Object.keys(BANKING_CLIENTS.columns)).toEqual(Object.keys(row.values));
  });
});
