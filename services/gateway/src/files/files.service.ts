import { DATASETS, isDataset } from '@tributary/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { FileTooLargeError, type FileIntake, type QueuedJob } from '@tributary/platform';
import { type Readable } from 'node:stream';
import { type Principal } from '../auth/account';
import { assertDatasetAllowed } from '../auth/api-key';
import { ProblemException } from '../http/problem';

/** A part of a multipart upload, as the controller hands it over, in the order sent. */
export type UploadPart =
  | { kind: 'field'; name: string; value: string }
  | {
      kind: 'file';
      fieldName: string;
      fileName: string;
      contentType: string | null;
      stream: Readable;
    };

export const FILE_INTAKE = Symbol('FILE_INTAKE');
export const UPLOAD_LIMITS = Symbol('UPLOAD_LIMITS');

export interface UploadLimits {
  readonly maxFileBytes: number;
  readonly maxFiles: number;
}

/** Form fields that set an option for the files after them, with how each is checked. */
const OPTIONS: Record<string, { check: (v: string) => boolean; expected: string }> = {
  threshold: {
    check: (v) => /^\d+(\.\d+)?$/.test(v) && Number(v) > 0,
    expected: 'a positive number of kWh, e.g. 30 or 12.5',
  },
  sheet: { check: (v) => v.length > 0 && v.length <= 31, expected: 'an XLSX sheet name' },
  delimiter: {
    check: (v) => [',', ';', '\t', '|', 'tab'].includes(v),
    expected: 'one of , ; | tab',
  },
};

const isDatasetOrAuto = (v: string) => v === 'auto' || isDataset(v);

export interface UploadedJob extends QueuedJob {
  readonly links: { readonly self: string; readonly rejections: string };
}

/**
 * Takes an upload's parts in order: `dataset` and option fields (`threshold`, `sheet`,
 * `delimiter`) apply to the files after them; a file sent under a dataset's name
 * (`-F energy.usage=@usage.csv`) is that dataset's; otherwise the dataset is recognised from the
 * file's columns. Each file is streamed to the landing store and queued as its own job.
 */
@Injectable()
export class FilesService {
  constructor(
    @Inject(FILE_INTAKE) private readonly intake: FileIntake,
    @Inject(UPLOAD_LIMITS) private readonly limits: UploadLimits,
  ) {}

  async upload(
    parts: AsyncIterable<UploadPart>,
    principal: Principal,
    traceId: string,
  ): Promise<{ jobs: UploadedJob[] }> {
    let dataset = 'auto';
    const options: Record<string, string> = {};
    const jobs: UploadedJob[] = [];
    const refuse = (path: string, message: string): never => {
      throw new ProblemException(
        'validation-failed',
        jobs.length === 0
          ? `${path} ${message}`
          : `${path} ${message}; the ${jobs.length} file(s) before it were queued: ${jobs.map((j) => j.job_id).join(', ')}`,
        { errors: [{ path, message }] },
      );
    };
    for await (const part of parts) {
      if (part.kind === 'field') {
        const value = part.value.trim();
        if (part.name === 'dataset') {
          if (!isDatasetOrAuto(value))
            refuse('dataset', `must be auto or one of ${DATASETS.join(', ')}`);
          dataset = value;
        } else if (OPTIONS[part.name]) {
          if (!OPTIONS[part.name]!.check(value))
            refuse(part.name, `must be ${OPTIONS[part.name]!.expected}`);
          options[part.name] = part.name === 'delimiter' && value === 'tab' ? '\t' : value;
        } else refuse(part.name, 'is not a known field (dataset, threshold, sheet, delimiter)');
        continue;
      }
      if (jobs.length >= this.limits.maxFiles) {
        part.stream.resume();
        refuse('file', `is one too many: at most ${this.limits.maxFiles} files per request`);
      }
      const fileDataset = isDatasetOrAuto(part.fieldName) ? part.fieldName : dataset;
      // A key limited to datasets names one: `auto` could turn out to be any dataset.
      if (principal.datasets && !principal.datasets.includes(fileDataset)) {
        part.stream.resume();
        assertDatasetAllowed(principal, fileDataset);
      }
      try {
        const job = await this.intake.receive({
          body: part.stream,
          fileName: part.fileName || part.fieldName,
          dataset: fileDataset,
          source: 'upload',
          options: { ...options },
          submittedBy: principal.apiKeyId ?? principal.accountId,
          contentType: part.contentType,
          traceId,
          maxBytes: this.limits.maxFileBytes,
        });
        jobs.push({
          ...job,
          links: {
            self: `/v1/jobs/${job.job_id}`,
            rejections: `/v1/jobs/${job.job_id}/rejections`,
          },
        });
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        if (error instanceof FileTooLargeError || code === 'FST_REQ_FILE_TOO_LARGE')
          // Answered while the client still sends the rest, which nobody reads: the connection
          // is closed after the answer, or a keep-alive client's next request would queue behind
          // the unread bytes.
          throw new ProblemException(
            'payload-too-large',
            `${part.fileName} is larger than the limit of ${this.limits.maxFileBytes} bytes; nothing of it was kept`,
            {},
            { Connection: 'close' },
          );
        if (code === 'EVENTS.UNAVAILABLE')
          throw new ProblemException(
            'service-unavailable',
            `Kafka did not acknowledge ${part.fileName}'s job in time; send the file again (the same bytes are never ingested twice)`,
            {},
            { 'Retry-After': '5' },
          );
        throw error;
      }
    }
    if (jobs.length === 0) refuse('file', 'is required: send at least one file part');
    return { jobs };
  }
}
