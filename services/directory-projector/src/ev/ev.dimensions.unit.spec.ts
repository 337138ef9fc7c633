import { VALID_EVENTS } from '@tributary/contracts';
import { dimensionRow } from '../dimensions/dimension';
import { EV_CHARGERS, EV_USERS } from './ev.dimensions';

const provenance = (id: string) => ({
  event_id: id,
  updated_at: new Date('2026-11-22T10:00:00.000Z'),
  row_number: 1,
});

describe('EV dimensions', () => {
  it('maps a user event to its ev_users row', () => {
    expect(dimensionRow(EV_USERS, VALID_EVENTS['ev.users'])).toEqual({
      key: 'u-100',
      values: {
        user_id: 'u-100',
        first_name: 'Zoë',
        last_name: "O'Neill",
        email: 'zoe.oneill@example.com',
        phone: null,
        signup_date: '2025-03-14',
      },
      ...provenance('00000000-0000-4000-8000-000000000005'),
    });
  });

  it('maps a charger event to its ev_chargers row', () => {
    expect(dimensionRow(EV_CHARGERS, VALID_EVENTS['ev.chargers'])).toEqual({
      key: 'ch-lyon-01',
      values: {
        charger_id: 'ch-lyon-01',
        name: 'Part-Dieu P2',
        city: 'Lyon',
        address: '17 Rue du Docteur Bouchut',
        latitude: 45.7606,
        longitude: 4.8593,
        power_kw: 150,
        connector_type: 'CCS2',
      },
      ...provenance('00000000-0000-4000-8000-000000000006'),
    });
  });

  it('declares every column of the row, the key first', () => {
    for (const spec of [EV_USERS, EV_CHARGERS]) {
      const event = VALID_EVENTS[spec.topic];
      const row = dimensionRow(spec as never, event as never);
      expect(Object.keys(spec.columns)).toEqual(Object.keys(row.values));
      expect(Object.keys(spec.columns)[0]).toBe(spec.key);
    }
  });
});
