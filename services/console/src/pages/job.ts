import { explain, type Page as ApiPage } from '../api/client';
import { isFinal, STATUS_LABELS, type Job, type Rejection } from '../api/jobs';
import { toCsv } from '../lib/csv';
import {
  fill,
  formatBytes,
  formatDuration,
  formatNumber,
  h,
  notice,
  pagerButtons,
  table,
} from '../lib/dom';
import { poll, type Page } from './page';

const PAGE_SIZE = 50;
/** A download walks the pages up to this many rows; beyond it the API is the tool. */
const DOWNLOAD_MAX_ROWS = 100_000;

export const jobPage: Page = ({ session, main }, [jobId = '']) => {
  const summary = h('div', { 'aria-live': 'polite' });
  const rejections = h('div');
  const pager = h('div', { class: 'actions' });
  const download = h(
    'button',
    { type: 'button', class: 'secondary' },
    'Download rejected rows (CSV)',
  );
  const downloadStatus = h('div', { 'aria-live': 'polite' });
  const cursors: (string | undefined)[] = [undefined];

  const showRejections = async () => {
    try {
      const page = await session.get<ApiPage<Rejection>>(`/v1/jobs/${jobId}/rejections`, {
        limit: PAGE_SIZE,
        cursor: cursors.at(-1),
      });
      fill(
        rejections,
        table('Rejected rows, in file order', ['Row', 'Reasons', 'Raw row'], page.items, (r) => [
          String(r.row_number),
          h(
            'ul',
            {},
            r.reasons.map((reason) => h('li', {}, reason)),
          ),
          h('code', {}, r.raw),
        ]),
      );
      fill(pager, ...pagerButtons(cursors, page.next_cursor, showRejections, 'rows'));
    } catch (error) {
      fill(rejections, notice('error', explain(error)));
    }
  };

  download.addEventListener('click', () => {
    download.disabled = true;
    fill(downloadStatus, 'Preparing the file…');
    void (async () => {
      const rows: (string | number)[][] = [['row_number', 'reasons', 'raw']];
      let cursor: string | undefined;
      do {
        const page = await session.get<ApiPage<Rejection>>(`/v1/jobs/${jobId}/rejections`, {
          limit: 1000,
          cursor,
        });
        for (const r of page.items) rows.push([r.row_number, r.reasons.join('; '), r.raw]);
        cursor = page.next_cursor ?? undefined;
      } while (cursor && rows.length <= DOWNLOAD_MAX_ROWS);
      const url = URL.createObjectURL(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }));
      const link = h('a', { href: url, download: `rejections-${jobId}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      fill(
        downloadStatus,
        notice(
          'success',
          `Downloaded ${rows.length - 1} rejected rows. Cells that a spreadsheet would run as formulas start with an apostrophe.`,
        ),
      );
    })()
      .catch((error: unknown) => fill(downloadStatus, notice('error', explain(error))))
      .finally(() => (download.disabled = false));
  });

  let shownRejections = false;
  const stop = poll(async () => {
    try {
      const job = await session.get<Job>(`/v1/jobs/${jobId}`);
      main.dataset['status'] = job.status;
      const facts: [string, string][] = [
        ['Status', STATUS_LABELS[job.status]],
        [
          'Dataset',
          `${job.dataset}${job.dataset_detected ? ' (recognised from the columns)' : ''}`,
        ],
        ['Source', job.source ?? '—'],
        ['Format', job.format ?? '—'],
        ['Size', formatBytes(job.size_bytes)],
        ['Rows read', String(job.rows.read)],
        ['Accepted', String(job.rows.accepted)],
        ['Rejected', String(job.rows.rejected)],
        ['Duration', formatDuration(job.duration_ms)],
        ['Rows per second', formatNumber(job.rows_per_second, 0)],
        ['Submitted by', job.submitted_by ?? '—'],
        ['Queued', job.queued_at ? new Date(job.queued_at).toLocaleString('en-GB') : '—'],
      ];
      fill(
        summary,
        h(
          'dl',
          { class: 'facts' },
          facts.map(([k, v]) => [h('dt', {}, k), h('dd', { 'data-fact': k }, v)]).flat(),
        ),
        job.error ? notice('error', job.error) : null,
        job.duplicate_of
          ? notice(
              'info',
              'The same bytes were ingested before by ',
              h('a', { href: `#/jobs/${job.duplicate_of}` }, 'this job'),
              '.',
            )
          : null,
      );
      if (isFinal(job.status) && !shownRejections) {
        shownRejections = true;
        download.hidden = job.rows.rejected === 0;
        await showRejections();
      }
      return !isFinal(job.status);
    } catch (error) {
      fill(summary, notice('error', explain(error)));
      return false;
    }
  }, 1_000);

  fill(
    main,
    h('p', {}, h('a', { href: '#/jobs' }, '← All jobs')),
    h('h1', {}, 'Job'),
    h('p', { class: 'muted mono' }, jobId),
    summary,
    h('h2', {}, 'Rejected rows'),
    h('div', { class: 'actions' }, download),
    downloadStatus,
    rejections,
    pager,
  );
  return stop;
};
