import { FileTooLargeError, type FileIntake, type IncomingFile } from '@tributary/platform';
import { Readable } from 'node:stream';
import { scopesOf } from '../auth/access';
import { type Principal } from '../auth/account';
import { ProblemException } from '../http/problem';
import { FilesService, type UploadPart } from './files.service';

const principal: Principal = {
  accountId: 'acc-1',
  email: 'a@example.com',
  role: 'ingest',
  scopes: scopesOf('ingest'),
};

function service(maxFiles = 3, fail?: Error) {
  const received: Omit<IncomingFile, 'body'>[] = [];
  const intake = {
    receive: async ({ body, ...file }: IncomingFile) => {
      body.resume();
      if (fail) throw fail;
      received.push(file);
      return {
        job_id: `job-${received.length}`,
        dataset: file.dataset,
        status: 'queued' as const,
        file_name: file.fileName,
        object_key: 'k',
        checksum_sha256: 'c',
        size_bytes: 1,
        queued_at: new Date('2026-11-22T10:00:00Z'),
      };
    },
  } as unknown as FileIntake;
  return { files: new FilesService(intake, { maxFileBytes: 1_000, maxFiles }), received };
}

const field = (name: string, value: string): UploadPart => ({ kind: 'field', name, value });
const file = (fileName: string, fieldName = 'file'): UploadPart => ({
  kind: 'file',
  fieldName,
  fileName,
  contentType: 'text/csv',
  stream: Readable.from(['a,b\n']),
});
async function* parts(...list: UploadPart[]) {
  yield* list;
}

describe('uploads', () => {
  it('applies fields to the files after them, and a dataset named by the file’s field', async () => {
    const { files, received } = service();
    const result = await files.upload(
      parts(
        file('who-knows.csv'),
        field('dataset', 'energy.usage'),
        field('threshold', '30'),
        file('usage.csv'),
        file('sales.csv', 'retail.sales'),
      ),
      principal,
      'req-1',
    );
    expect(received.map((r) => [r.fileName, r.dataset, r.options])).toEqual([
      ['who-knows.csv', 'auto', {}],
      ['usage.csv', 'energy.usage', { threshold: '30' }],
      ['sales.csv', 'retail.sales', { threshold: '30' }],
    ]);
    expect(received[0]).toMatchObject({ source: 'upload', submittedBy: 'acc-1', traceId: 'req-1' });
    expect(result.jobs.map((j) => j.links.self)).toEqual([
      '/v1/jobs/job-1',
      '/v1/jobs/job-2',
      '/v1/jobs/job-3',
    ]);
  });

  it('refuses unknown fields and bad values by name, saying which files were already queued', async () => {
    const { files } = service();
    await expect(
      files.upload(parts(file('a.csv'), field('treshold', '3')), principal, 'r'),
    ).rejects.toThrow(
      new ProblemException(
        'validation-failed',
        'treshold is not a known field (dataset, threshold, sheet, delimiter); the 1 file(s) before it were queued: job-1',
      ),
    );
    await expect(files.upload(parts(field('threshold', '-1')), principal, 'r')).rejects.toThrow(
      'threshold must be a positive number of kWh, e.g. 30 or 12.5',
    );
    await expect(files.upload(parts(field('dataset', 'ev.cars')), principal, 'r')).rejects.toThrow(
      /^dataset must be auto or one of ev.users, /,
    );
  });

  it('needs at least one file and at most the limit', async () => {
    const { files } = service(1);
    await expect(files.upload(parts(field('dataset', 'auto')), principal, 'r')).rejects.toThrow(
      'file is required: send at least one file part',
    );
    await expect(files.upload(parts(file('a.csv'), file('b.csv')), principal, 'r')).rejects.toThrow(
      'file is one too many: at most 1 files per request; the 1 file(s) before it were queued: job-1',
    );
  });

  it('answers 413 for a file over the limit', async () => {
    const { files } = service(3, new FileTooLargeError(1_000));
    const error = await files.upload(parts(file('big.csv')), principal, 'r').catch((e) => e);
    expect(error).toBeInstanceOf(ProblemException);
    expect(error).toMatchObject({
      slug: 'payload-too-large',
      detail: 'big.csv is larger than the limit of 1000 bytes; nothing of it was kept',
    });
  });
});
