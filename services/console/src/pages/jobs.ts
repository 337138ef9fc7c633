import { DATASETS } from '@tributary/contracts/src/datasets';
import { explain, type Page as ApiPage } from '../api/client';
import { JOB_STATUSES, STATUS_LABELS, type Job } from '../api/jobs';
import { field, fill, formatDuration, h, notice, pagerButtons, select, table } from '../lib/dom';
import { poll, type Page } from './page';

const PAGE_SIZE = 25;

export const jobsPage: Page = ({ session, main }) => {
  const status = select(
    [
      { value: '', label: 'any' },
      ...JOB_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
    ],
    '',
    { name: 'status' },
  );
  const dataset = select([{ value: '', label: 'any' }, ...DATASETS], '', { name: 'dataset' });
  const source = select([{ value: '', label: 'any' }, 'upload', 'inbox', 'sftp'], '', {
    name: 'source',
  });
  const results = h('div', { 'aria-live': 'polite' });
  const pager = h('div', { class: 'actions' });
  // Keyset paging: the cursors of the pages before this one, so "Previous" can go back.
  let cursors: (string | undefined)[] = [undefined];
  let next: string | null = null;

  const render = async () => {
    try {
      const page = await session.get<ApiPage<Job>>('/v1/jobs', {
        status: status.value,
        dataset: dataset.value,
        source: source.value,
        limit: PAGE_SIZE,
        cursor: cursors.at(-1),
      });
      next = page.next_cursor;
      fill(
        results,
        table(
          'Ingest jobs, newest first',
          [
            'File',
            'Source',
            'Dataset',
            'Status',
            'Read',
            'Accepted',
            'Rejected',
            'Duration',
            'Who',
            'Queued',
          ],
          page.items,
          (job) => [
            h('a', { href: `#/jobs/${job.job_id}` }, job.file_name ?? job.job_id),
            job.source ?? '—',
            job.dataset,
            h('span', { class: `badge ${job.status}` }, STATUS_LABELS[job.status]),
            String(job.rows.read),
            String(job.rows.accepted),
            String(job.rows.rejected),
            formatDuration(job.duration_ms),
            job.submitted_by ?? job.source ?? '—',
            job.queued_at ? new Date(job.queued_at).toLocaleString('en-GB') : '—',
          ],
        ),
      );
      fill(pager, ...pagerButtons(cursors, next, render));
    } catch (error) {
      fill(results, notice('error', explain(error)));
    }
  };
  for (const control of [status, dataset, source])
    control.addEventListener('change', () => {
      cursors = [undefined];
      void render();
    });

  fill(
    main,
    h('h1', {}, 'Jobs'),
    h(
      'p',
      { class: 'muted' },
      'Every upload, inbox and SFTP file, newest first; the list refreshes by itself.',
    ),
    h(
      'form',
      { class: 'filters', role: 'search', 'aria-label': 'Filter jobs' },
      field('Status', status),
      field('Dataset', dataset),
      field('Source', source),
    ),
    results,
    pager,
  );
  // Live: the current page is fetched again every few seconds.
  return poll(render, 3_000);
};
