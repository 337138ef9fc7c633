import { VALID_EVENTS, type TributaryIngest } from '@tributary/contracts';
import { jobRow, mergeJob } from '../jobs/job-state';
import { foldChunk } from './directory.fold';

const at = (s: number) => new Date(Date.UTC(2026, 10, 22, 10, 0, s));
const job = (status: TributaryIngest.JobStatus, second: number, rows_read: number) => ({
  topic: 'ingest.jobs' as const,
  event: {
    ...VALID_EVENTS['ingest.jobs'],
    metadata: { ...VALID_EVENTS['ingest.jobs'].metadata, occurred_at: at(second) },
    status,
    rows_read,
  },
});
const user = (first_name: string, second: number, row: number | null) => ({
  topic: 'ev.users' as const,
  event: {
    ...VALID_EVENTS['ev.users'],
    metadata: {
      ...VALID_EVENTS['ev.users'].metadata,
      occurred_at: at(second),
      source: { ...VALID_EVENTS['ev.users'].metadata.source, row_number: row },
    },
    first_name,
  },
});
const rejection = (row_number: number, reasons: string[]) => ({
  topic: 'ingest.rejections' as const,
  event: { ...VALID_EVENTS['ingest.rejections'], row_number, reasons },
});

describe('a chunk folded for the store', () => {
  it('keeps one row per job, by the job rule, whatever the order inside the chunk', () => {
    const events = [job('running', 3, 30), job('succeeded', 5, 50), job('queued', 9, 0)];
    const expected = events
      .map((e) => jobRow(e.event))
      .reduce<ReturnType<typeof jobRow> | undefined>(mergeJob, undefined);
    expect(foldChunk(events).jobs).toEqual([expected]);
    expect(foldChunk([...events].reverse()).jobs).toEqual([expected]);
    expect(foldChunk(events).jobs[0]).toMatchObject({ status: 'succeeded', rows_read: 50 });
  });

  it('keeps the first event of each rejected row, as the table does', () => {
    const { rejections } = foldChunk([
      rejection(4, ['first']),
      rejection(9, ['other row']),
      rejection(4, ['second']),
    ]);
    expect(rejections.map((r) => [r.row_number, r.reasons])).toEqual([
      [4, ['first']],
      [9, ['other row']],
    ]);
  });

  it('keeps the newest row per entity: later file, then later row; equal position, later delivered', () => {
    const newest = (events: ReturnType<typeof user>[]) =>
      foldChunk(events)
        .dimensions.get('ev.users')
        ?.map((r) => r.values['first_name']);
    expect(newest([user('b', 2, 1), user('a', 1, 900)])).toEqual(['b']);
    expect(newest([user('a', 1, 7), user('b', 1, 8), user('c', 1, 3)])).toEqual(['b']);
    expect(newest([user('a', 1, null), user('b', 1, null)])).toEqual(['b']);
  });

  it('gives nothing to write for nothing', () => {
    expect(foldChunk([])).toEqual({ jobs: [], rejections: [], dimensions: new Map() });
  });
});
