import { fixtureMetadata, VALID_EVENTS } from '@tributary/contracts';
import { DATASET_PROJECTIONS } from './dataset-projections';
import { exact } from './datasets.test-data';

// The declared projections (declared-projection.ts), under the names these cases knew them by.
const { row: evUserRow } = DATASET_PROJECTIONS['ev.users'];
const { row: evChargerRow } = DATASET_PROJECTIONS['ev.chargers'];
const { row: evTransactionRow } = DATASET_PROJECTIONS['ev.transactions'];

const JOB = '6f1c1f6e-2a57-4e0b-9d55-1c9b1c1a0001';
/** What every golden fixture's default metadata becomes (fixtureMetadata: a file row, row 1). */
const fixtureProvenance = (event_id: string) => ({
  event_id,
  source_kind: 'file',
  job_id: JOB,
  row_number: 1,
  // 2026-11-22T10:00:01.500Z, to the second.
  ingested_at: '2026-11-22 10:00:01',
});
// 2026-11-22T10:00:00.000Z = 1,795,341,600,000 ms; × 2^22 + row 1.
const FIXTURE_VERSION = '7530208454246400001';

describe('evUserRow', () => {
  it('maps the golden user, accents and quotes as they are', () => {
    expect(evUserRow(VALID_EVENTS['ev.users'])).toEqual({
      user_id: 'u-100',
      first_name: 'Zoë',
      last_name: "O'Neill",
      email: 'zoe.oneill@example.com',
      phone: null,
      signup_date: '2025-03-14',
      occurred_at: '2026-11-22 10:00:00',
      version: exact(FIXTURE_VERSION),
      ...fixtureProvenance('00000000-0000-4000-8000-000000000005'),
    });
  });

  it('maps a streamed user with no optional fields; the version keeps the milliseconds', () => {
    const row = evUserRow({
      ...VALID_EVENTS['ev.users'],
      metadata: fixtureMetadata('00000000-0000-4000-8000-0000000000a1', {
        occurred_at: new Date('2026-11-23T08:15:30.250Z'),
        ingested_at: new Date('2026-11-23T08:15:31.999Z'),
        source: { kind: 'stream', reference: null, row_number: null },
      }),
      email: null,
      phone: null,
      signup_date: null,
    });
    expect(row).toEqual({
      user_id: 'u-100',
      first_name: 'Zoë',
      last_name: "O'Neill",
      email: null,
      phone: null,
      signup_date: null,
      occurred_at: '2026-11-23 08:15:30',
      // 1,795,421,730,250 ms × 4,194,304 + row 0
      version: exact('7530544544874496000'),
      event_id: '00000000-0000-4000-8000-0000000000a1',
      source_kind: 'stream',
      job_id: '',
      row_number: 0,
      ingested_at: '2026-11-23 08:15:31',
    });
    expect(JSON.stringify(row)).toContain('"version":7530544544874496000,');
  });

  it('refuses a signup date ClickHouse cannot hold', () => {
    expect(() => evUserRow({ ...VALID_EVENTS['ev.users'], signup_date: '1969-12-31' })).toThrow(
      'signup_date: "1969-12-31" is outside ClickHouse Date\'s range (1970-01-01 to 2105-12-31)',
    );
  });
});

describe('evChargerRow', () => {
  it('maps the golden charger', () => {
    expect(evChargerRow(VALID_EVENTS['ev.chargers'])).toEqual({
      charger_id: 'ch-lyon-01',
      name: 'Part-Dieu P2',
      city: 'Lyon',
      address: '17 Rue du Docteur Bouchut',
      latitude: 45.7606,
      longitude: 4.8593,
      power_kw: 150,
      connector_type: 'CCS2',
      occurred_at: '2026-11-22 10:00:00',
      version: exact(FIXTURE_VERSION),
      ...fixtureProvenance('00000000-0000-4000-8000-000000000006'),
    });
  });

  it('keeps unknown optional fields null, and refuses a NaN coordinate', () => {
    const bare = {
      ...VALID_EVENTS['ev.chargers'],
      address: null,
      latitude: null,
      longitude: null,
      power_kw: null,
      connector_type: null,
    };
    expect(evChargerRow(bare)).toMatchObject({
      address: null,
      latitude: null,
      longitude: null,
      power_kw: null,
      connector_type: null,
    });
    expect(() => evChargerRow({ ...bare, latitude: Number.NaN })).toThrow(
      'latitude: NaN is not a finite number',
    );
  });
});

describe('evTransactionRow', () => {
  it('maps the golden session, its cost exact', () => {
    const row = evTransactionRow(VALID_EVENTS['ev.transactions']);
    expect(row).toEqual({
      transaction_id: 'tx-9001',
      user_id: 'u-100',
      charger_id: 'ch-lyon-01',
      start_time: '2026-11-22 10:00:00',
      end_time: '2026-11-22 10:45:00',
      energy_kwh: 38.2,
      cost: exact('19.1000'),
      currency: 'EUR',
      ...fixtureProvenance('00000000-0000-4000-8000-000000000007'),
    });
    expect(JSON.stringify(row)).toContain('"cost":19.1000,"currency":"EUR"');
  });

  it('drops milliseconds, keeps an open session open, and a session without price unpriced', () => {
    expect(
      evTransactionRow({
        ...VALID_EVENTS['ev.transactions'],
        start_time: new Date('2026-11-22T23:59:59.999Z'),
        end_time: null,
        cost: null,
        currency: null,
      }),
    ).toMatchObject({
      start_time: '2026-11-22 23:59:59',
      end_time: null,
      cost: null,
      currency: null,
    });
  });
});
