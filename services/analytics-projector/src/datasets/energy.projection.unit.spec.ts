import { fixtureMetadata, VALID_EVENTS } from '@tributary/contracts';
import { DATASET_PROJECTIONS } from './dataset-projections';
import { energyAlertRow } from './energy.projection';

// The declared projections (declared-projection.ts), under the names these cases knew them by.
const { row: energyUsageRow } = DATASET_PROJECTIONS['energy.usage'];

const JOB = '6f1c1f6e-2a57-4e0b-9d55-1c9b1c1a0001';

describe('energyUsageRow', () => {
  it('maps the golden usage', () => {
    expect(energyUsageRow(VALID_EVENTS['energy.usage'])).toEqual({
      user_id: 'u-100',
      date: '2026-11-21',
      usage_kwh: 42.75,
      event_id: '00000000-0000-4000-8000-000000000003',
      source_kind: 'file',
      job_id: JOB,
      row_number: 1,
      ingested_at: '2026-11-22 10:00:01',
    });
  });

  it('refuses an infinite usage, which JSON would write as null', () => {
    expect(() => energyUsageRow({ ...VALID_EVENTS['energy.usage'], usage_kwh: Infinity })).toThrow(
      'usage_kwh: Infinity is not a finite number',
    );
  });
});

describe('energyAlertRow', () => {
  it('maps the golden alert to exactly the columns the gateway reads', () => {
    expect(energyAlertRow(VALID_EVENTS['energy.alerts'])).toEqual({
      event_id: '00000000-0000-4000-8000-000000000004',
      user_id: 'u-100',
      date: '2026-11-21',
      usage_kwh: 42.75,
      threshold_kwh: 30,
      usage_event_id: '00000000-0000-4000-8000-000000000003',
      job_id: JOB,
      raised_at: '2026-11-22 10:00:01',
    });
  });

  it("writes a missing source reference as '' and raised_at in UTC to the second", () => {
    expect(
      energyAlertRow({
        ...VALID_EVENTS['energy.alerts'],
        metadata: fixtureMetadata('00000000-0000-4000-8000-0000000000c1', {
          ingested_at: new Date('2026-11-22T23:59:59.999+00:00'),
          source: { kind: 'stream', reference: null, row_number: null },
        }),
      }),
    ).toMatchObject({ job_id: '', raised_at: '2026-11-22 23:59:59' });
  });
});
