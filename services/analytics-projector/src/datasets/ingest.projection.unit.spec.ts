import { VALID_EVENTS } from '@tributary/contracts';
import { ingestRejectionRow } from './ingest.projection';

describe('ingestRejectionRow', () => {
  it('maps the golden rejection: the job, the file, the row, every reason, the raw row', () => {
    expect(ingestRejectionRow(VALID_EVENTS['ingest.rejections'])).toEqual({
      event_id: '00000000-0000-4000-8000-00000000000e',
      job_id: '6f1c1f6e-2a57-4e0b-9d55-1c9b1c1a0001',
      dataset: 'retail.sales',
      object_key: 'retail.sales/2026-11-22/9f86d081884c7d65.csv',
      row_number: 4,
      reasons: ['quantity: must be a whole number'],
      raw: 's-4,p-1,two,9.98,2026-11-21',
      rejected_at: '2026-11-22 10:00:01',
    });
  });

  it('keeps several reasons in their order', () => {
    const reasons = ['usage_kwh: must be a number, got "x"', 'date: must be a date (YYYY-MM-DD)'];
    expect(ingestRejectionRow({ ...VALID_EVENTS['ingest.rejections'], reasons }).reasons).toEqual(
      reasons,
    );
  });
});
