import { type TributaryIngest } from '@tributary/contracts';
import {
  at,
  fileIngestEvent,
  lifecycle,
  lifecycleRow,
  permutations,
  queuedEvent,
} from './job-events.test-data';
import { jobRow, mergeJob, supersedes, type JobRow } from './job-state';

const JOB = '11111111-1111-4111-8111-111111111111';
const queued = queuedEvent(JOB);
const fileIngest = (
  status: TributaryIngest.JobStatus,
  second: number,
  fields: Partial<TributaryIngest.JobStatusChanged>,
) => fileIngestEvent(JOB, status, second, fields);
const [, started, progress, finished] = lifecycle(JOB);
const EXPECTED = lifecycleRow(JOB);

/** The job's row after its events arrive in this order, each one applied to the last row. */
const fold = (events: readonly TributaryIngest.JobStatusChanged[]): JobRow | undefined =>
  events.map(jobRow).reduce<JobRow | undefined>(mergeJob, undefined);

describe('a job folded from its events', () => {
  it('comes out the same whatever order its four events arrive in (all 24 orders)', () => {
    const orders = permutations([queued, started, progress, finished]);
    expect(orders).toHaveLength(24);
    for (const order of orders) expect(fold(order)).toEqual(EXPECTED);
  });

  it('comes out the same when every event is delivered twice, in any interleaving', () => {
    for (const order of permutations([queued, progress, finished]))
      expect(fold([...order, started, ...[...order].reverse(), started])).toEqual(EXPECTED);
  });

  it('never moves a final status back to running or queued, even when they are later', () => {
    const done = fold([started, finished])!;
    const lateProgress = jobRow(fileIngest('running', 30, { rows_read: 7 }));
    const lateQueued = jobRow({ ...queued, metadata: { ...queued.metadata, occurred_at: at(40) } });
    expect(supersedes(lateProgress, done)).toBe(false);
    expect(mergeJob(mergeJob(done, lateProgress), lateQueued)).toMatchObject({
      status: 'partially_failed',
      rows_read: 1000,
      updated_at: at(5),
    });
  });

  it('keeps running over a queued event that arrives later, taking only what it did not know', () => {
    const lateQueued = jobRow({ ...queued, metadata: { ...queued.metadata, occurred_at: at(9) } });
    expect(mergeJob(jobRow(progress), lateQueued)).toEqual({
      ...jobRow(progress),
      file_name: 'usage-march.csv',
      size_bytes: 2048,
      submitted_by: 'acc-1',
      queued_at: at(0),
    });
  });

  it('between two events of one rank, keeps the later one, then the one that read more rows', () => {
    expect(mergeJob(jobRow(progress), jobRow(started))).toEqual(jobRow(progress));
    const sameInstant = jobRow(fileIngest('running', 3, { rows_read: 499 }));
    expect(mergeJob(jobRow(progress), sameInstant)).toEqual(jobRow(progress));
    expect(mergeJob(sameInstant, jobRow(progress))).toEqual(jobRow(progress));
  });

  it('applies the same event twice to the same row', () => {
    const row = fold([queued, started])!;
    expect(mergeJob(row, jobRow(started))).toEqual(row);
    expect(supersedes(jobRow(started), jobRow(started))).toBe(true);
  });

  it('lets a later final status replace an earlier one, with the fields of its own status', () => {
    const failed = jobRow(
      fileIngest('failed', 5, { error: 'internal error: landing store', finished_at: at(5) }),
    );
    const rerun = jobRow(
      fileIngest('succeeded', 8, { rows_read: 10, rows_accepted: 10, finished_at: at(8) }),
    );
    expect(mergeJob(failed, rerun)).toMatchObject({
      status: 'succeeded',
      error: null,
      finished_at: at(8),
    });
    // The earlier failure arriving after the success changes nothing.
    expect(mergeJob(mergeJob(failed, rerun), failed)).toEqual(mergeJob(failed, rerun));
    // A later failure keeps its reason.
    expect(mergeJob(rerun, { ...failed, updated_at: at(9) })).toMatchObject({
      status: 'failed',
      error: 'internal error: landing store',
    });
  });

  it('clears what a status does not carry: error unless failed, duplicate_of unless duplicate', () => {
    const oddRunning = jobRow(
      fileIngest('running', 2, {
        error: 'not a failure',
        duplicate_of: '22222222-2222-4222-8222-222222222222',
        finished_at: at(2),
      }),
    );
    expect(oddRunning).toMatchObject({ error: null, duplicate_of: null, finished_at: null });
    const duplicate = jobRow(
      fileIngest('duplicate', 2, {
        duplicate_of: '22222222-2222-4222-8222-222222222222',
        finished_at: at(2),
      }),
    );
    expect(mergeJob(jobRow(queued), duplicate)).toMatchObject({
      status: 'duplicate',
      duplicate_of: '22222222-2222-4222-8222-222222222222',
      file_name: 'usage-march.csv',
    });
  });

  it('keeps the recognised dataset when a later event still says auto', () => {
    const failedEarly = jobRow(
      fileIngest('failed', 9, { dataset: 'auto', dataset_detected: false, error: 'no rows' }),
    );
    expect(mergeJob(jobRow(progress), failedEarly)).toMatchObject({
      dataset: 'energy.usage',
      dataset_detected: true,
      status: 'failed',
      error: 'no rows',
    });
  });
});
