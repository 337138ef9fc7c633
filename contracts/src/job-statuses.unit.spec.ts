import { TributaryIngest } from './generated/events';
import { FINAL_JOB_STATUSES, isFinalJobStatus, JOB_STATUSES } from './job-statuses';

describe('job statuses', () => {
  it('are the JobStatusChanged schema’s enum symbols, in order', () => {
    expect(JOB_STATUSES).toEqual(
      (JSON.parse(TributaryIngest.JobStatusSchema) as { symbols: string[] }).symbols,
    );
  });

  it('end in every status but queued and running', () => {
    expect(JOB_STATUSES.filter(isFinalJobStatus)).toEqual([...FINAL_JOB_STATUSES]);
    expect(JOB_STATUSES.filter((s) => !isFinalJobStatus(s))).toEqual(['queued', 'running']);
  });
});
