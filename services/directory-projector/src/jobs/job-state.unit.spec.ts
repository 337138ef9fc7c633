import { mergeJob, type JobRow } from './job-state';

const base: JobRow = {
  job_id: '11111111-1111-4111-8111-111111111111',
  dataset: 'auto',
  dataset_detected: false,
  status: 'queued',
  source: 'upload',
  file_name: 'usage.csv',
  object_key: 'auto/2026-11-22/ab.csv',
  checksum_sha256: 'ab',
  size_bytes: 100,
  format: null,
  submitted_by: 'acc-1',
  duplicate_of: null,
  rows_read: 0,
  rows_accepted: 0,
  rows_rejected: 0,
  queued_at: new Date('2026-11-22T10:00:00Z'),
  started_at: null,
  finished_at: null,
  error: null,
  updated_at: new Date('2026-11-22T10:00:00Z'),
};
const at = (s: number) => new Date(Date.UTC(2026, 10, 22, 10, 0, s));
const running = (s: number, read: number): JobRow => ({
  ...base,
  dataset: 'energy.usage',
  dataset_detected: true,
  status: 'running',
  file_name: null,
  format: 'csv',
  rows_read: read,
  started_at: at(1),
  updated_at: at(s),
});
const done: JobRow = {
  ...running(9, 50),
  status: 'succeeded',
  finished_at: at(9),
  rows_accepted: 50,
};

describe('a job folded from its events', () => {
  it('moves forward, keeping what later events do not repeat', () => {
    const job = [running(2, 10), running(4, 30), done].reduce(mergeJob, base);
    expect(job).toEqual({
      ...done,
      file_name: 'usage.csv',
      queued_at: base.queued_at,
    });
  });

  it('never moves back: queued after running, running after a final status', () => {
    const finished = mergeJob(mergeJob(base, running(2, 10)), done);
    expect(mergeJob(finished, running(20, 99))).toBe(finished);
    expect(mergeJob(running(2, 10), { ...base, updated_at: at(30) })).toEqual(running(2, 10));
  });

  it('keeps the later of two progress reports, whatever their arrival order', () => {
    expect(mergeJob(running(4, 30), running(2, 10))).toEqual(running(4, 30));
  });

  it('keeps the recognised dataset when a later event still says auto', () => {
    const job = mergeJob(running(2, 10), { ...done, dataset: 'auto', dataset_detected: false });
    expect(job).toMatchObject({
      dataset: 'energy.usage',
      dataset_detected: true,
      status: 'succeeded',
    });
  });
});
