import { DATASETS } from '@tributary/contracts/src/datasets';
import { explain } from '../api/client';
import { isFinal, STATUS_LABELS, type Job, type Rejection } from '../api/jobs';
import { uploadFile } from '../api/upload';
import { field, fill, formatBytes, h, notice, select, table } from '../lib/dom';
import { proposeDataset, readHeader } from '../lib/file-header';
import { poll, type Page } from './page';

/** Requests in flight at once: enough to keep the link busy, few enough to keep under limits. */
const CONCURRENCY = 3;
const FIRST_REJECTIONS = 5;

interface Item {
  file: File;
  dataset: HTMLSelectElement;
  row: HTMLElement;
  progress: HTMLProgressElement;
  status: HTMLElement;
  result: HTMLElement;
  state: 'ready' | 'sending' | 'sent' | 'error';
}

export const uploadPage: Page = ({ session, main }) => {
  const stops: (() => void)[] = [];
  const items: Item[] = [];
  const input = h('input', {
    type: 'file',
    multiple: true,
    class: 'visually-hidden',
    id: 'files',
    accept: '.csv,.tsv,.json,.ndjson,.jsonl,.xlsx,.gz',
  });
  const zone = h(
    'label',
    { class: 'drop-zone', for: 'files' },
    h('strong', {}, 'Drop files here'),
    h('span', {}, ' or choose them (Enter or Space)'),
    h(
      'small',
      { class: 'muted' },
      'CSV, JSON, NDJSON or XLSX, each optionally gzipped. The dataset of each file is proposed from its columns.',
    ),
  );
  zone.tabIndex = 0;
  zone.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      input.click();
    }
  });
  const threshold = h('input', {
    type: 'number',
    name: 'threshold',
    min: '0',
    step: 'any',
    inputmode: 'decimal',
    placeholder: 'e.g. 30',
  });
  const list = h('ol', { class: 'files', 'aria-label': 'Files to upload' });
  const send = h('button', { type: 'button', disabled: true }, 'Upload');
  const clear = h('button', { type: 'button', class: 'secondary' }, 'Clear finished');
  const status = h('div', { 'aria-live': 'polite' });

  async function add(files: Iterable<File>): Promise<void> {
    for (const file of files) {
      const header = await readHeader(file);
      const proposed = proposeDataset(header.columns);
      const dataset = select(
        [
          { value: 'auto', label: 'recognise on the server' },
          ...DATASETS.map((d) => ({ value: d, label: d === proposed ? `${d} (proposed)` : d })),
        ],
        proposed ?? 'auto',
        { name: 'dataset' },
      );
      const progress = h('progress', { max: 1, value: 0, 'aria-label': `${file.name} progress` });
      const itemStatus = h('span', { class: 'status' }, 'Ready');
      const result = h('div', { class: 'result' });
      const warning = header.format
        ? null
        : notice(
            'info',
            `${file.name}: the name does not say CSV, JSON, NDJSON or XLSX; the server will try to recognise it and the job says why if it cannot.`,
          );
      const row = h(
        'li',
        { class: 'file', 'data-file': file.name },
        h(
          'div',
          { class: 'file-head' },
          h('strong', {}, file.name),
          h('span', { class: 'muted' }, ` ${formatBytes(file.size)}`),
        ),
        field(
          `Dataset of ${file.name}`,
          dataset,
          header.columns ? `Columns: ${header.columns.join(', ')}` : undefined,
        ),
        warning,
        h('div', { class: 'progress-line' }, progress, itemStatus),
        result,
      );
      items.push({ file, dataset, row, progress, status: itemStatus, result, state: 'ready' });
      list.append(row);
    }
    send.disabled = !items.some((i) => i.state === 'ready' || i.state === 'error');
  }

  input.addEventListener('change', () => {
    void add(Array.from(input.files ?? []));
    input.value = '';
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    void add(Array.from(event.dataTransfer?.files ?? []));
  });

  function follow(item: Item, jobId: string): void {
    item.row.dataset['jobId'] = jobId;
    item.progress.removeAttribute('value');
    const stop = poll(async () => {
      const job = await session.get<Job>(`/v1/jobs/${jobId}`);
      item.row.dataset['status'] = job.status;
      fill(
        item.status,
        `${STATUS_LABELS[job.status]} · ${job.dataset} · read ${job.rows.read}, accepted ${job.rows.accepted}, rejected ${job.rows.rejected}`,
      );
      if (!isFinal(job.status)) return true;
      item.progress.value = 1;
      await showResult(item, job);
      return false;
    }, 500);
    stops.push(stop);
  }

  async function showResult(item: Item, job: Job): Promise<void> {
    const link = h('a', { href: `#/jobs/${job.job_id}` }, 'Open the job');
    if (job.status === 'failed') {
      fill(
        item.result,
        notice('error', `The file could not be read: ${job.error ?? 'no reason given'}. `, link),
      );
      return;
    }
    if (job.status === 'duplicate') {
      fill(
        item.result,
        notice(
          'info',
          'These bytes were ingested into this dataset before; nothing was added. ',
          link,
        ),
      );
      return;
    }
    if (job.rows.rejected === 0) {
      fill(item.result, notice('success', `All ${job.rows.accepted} rows accepted. `, link));
      return;
    }
    const page = await session.get<{ items: Rejection[] }>(`/v1/jobs/${job.job_id}/rejections`, {
      limit: FIRST_REJECTIONS,
    });
    fill(
      item.result,
      notice('info', `${job.rows.accepted} rows accepted, ${job.rows.rejected} rejected. `, link),
      table(
        `First rejected rows of ${item.file.name}`,
        ['Row', 'Reasons', 'Raw row'],
        page.items,
        (r) => [
          String(r.row_number),
          h(
            'ul',
            {},
            r.reasons.map((reason) => h('li', {}, reason)),
          ),
          h('code', {}, r.raw),
        ],
      ),
    );
  }

  async function sendOne(item: Item): Promise<void> {
    item.state = 'sending';
    item.row.dataset['status'] = 'uploading';
    item.dataset.disabled = true;
    fill(item.result);
    fill(item.status, 'Uploading…');
    const fields: Record<string, string> = { dataset: item.dataset.value };
    // The threshold is an energy option; other datasets would only carry it along unused.
    if (threshold.value && (item.dataset.value === 'energy.usage' || item.dataset.value === 'auto'))
      fields['threshold'] = threshold.value;
    try {
      const job = await uploadFile(session, item.file, fields, (sent, total) => {
        item.progress.value = total > 0 ? sent / total : 0;
        fill(item.status, `Uploading ${Math.round((100 * sent) / Math.max(total, 1))} %`);
      });
      item.state = 'sent';
      fill(item.status, 'Queued');
      follow(item, job.job_id);
    } catch (error) {
      item.state = 'error';
      item.row.dataset['status'] = 'error';
      item.dataset.disabled = false;
      item.progress.value = 0;
      fill(item.status, 'Not sent');
      fill(item.result, notice('error', explain(error)));
    }
  }

  send.addEventListener('click', () => {
    const value = threshold.value.trim();
    if (value && !(Number(value) > 0)) {
      fill(
        status,
        notice('error', 'The threshold must be a positive number of kWh, e.g. 30 or 12.5.'),
      );
      threshold.focus();
      return;
    }
    fill(status);
    const queue = items.filter((i) => i.state === 'ready' || i.state === 'error');
    send.disabled = true;
    const worker = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) await sendOne(item);
    };
    void Promise.all(Array.from({ length: CONCURRENCY }, worker)).then(() => {
      send.disabled = !items.some((i) => i.state === 'error');
      fill(status, notice('info', 'Every file was handled; each job is followed below.'));
    });
  });
  clear.addEventListener('click', () => {
    for (const item of items.filter(
      (i) => i.row.dataset['status'] && isDone(i.row.dataset['status']),
    )) {
      item.row.remove();
      items.splice(items.indexOf(item), 1);
    }
  });

  fill(
    main,
    h('h1', {}, 'Upload files'),
    h(
      'section',
      { class: 'card' },
      input,
      zone,
      field(
        'Energy alert threshold (kWh per day)',
        threshold,
        'Energy usage above it raises an alert. Applies to energy.usage files.',
      ),
      list,
      h('div', { class: 'actions' }, send, clear),
      status,
    ),
  );
  return () => stops.forEach((stop) => stop());
};

const isDone = (status: string) =>
  ['succeeded', 'partially_failed', 'failed', 'duplicate'].includes(status);
