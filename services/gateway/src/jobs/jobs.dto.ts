import { JOB_STATUSES } from '@tributary/contracts';
import { z } from 'zod';
import { cursorParam, instantParam, limitParam } from '../http/query-params';

export const listJobsQuerySchema = z
  .strictObject({
    status: z.enum(JOB_STATUSES).optional().meta({ description: 'Only jobs in this status' }),
    dataset: z
      .string()
      .regex(/^[a-z]+\.[a-z]+$/, 'must be a dataset name such as energy.usage')
      .optional()
      .meta({ description: 'Only jobs of this dataset' }),
    source: z
      .enum(['upload', 'inbox', 'sftp'])
      .optional()
      .meta({ description: 'Only jobs from this source' }),
    from: instantParam('Jobs queued at or after this instant'),
    to: instantParam('Jobs queued before this instant'),
    limit: limitParam(500, 50),
    cursor: cursorParam(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to))
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  });
export type ListJobsQuery = z.output<typeof listJobsQuerySchema>;

export const rejectionsQuerySchema = z.strictObject({
  limit: limitParam(1_000, 100),
  cursor: cursorParam(),
});
export type RejectionsQuery = z.output<typeof rejectionsQuerySchema>;

export const jobIdSchema = z.uuid('must be a job id (a UUID)');

export const jobViewSchema = z.object({
  job_id: z.uuid(),
  dataset: z.string(),
  dataset_detected: z.boolean().describe('True when the dataset was recognised from the columns'),
  status: z.enum(JOB_STATUSES),
  source: z.enum(['upload', 'inbox', 'sftp']).nullable(),
  file_name: z.string().nullable(),
  format: z.string().nullable().describe('csv, json, ndjson or xlsx; .gz when compressed'),
  size_bytes: z.number().int().nullable(),
  checksum_sha256: z.string().nullable(),
  object_key: z.string().nullable(),
  submitted_by: z.string().nullable(),
  duplicate_of: z.uuid().nullable(),
  rows: z.object({
    read: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
  }),
  queued_at: z.iso.datetime().nullable(),
  started_at: z.iso.datetime().nullable(),
  finished_at: z.iso.datetime().nullable(),
  duration_ms: z.number().int().nullable().describe('Running time so far, or in all once finished'),
  rows_per_second: z.number().nullable(),
  error: z.string().nullable(),
  links: z.object({ self: z.string(), rejections: z.string() }),
});
export type JobView = z.output<typeof jobViewSchema>;

export const jobPageSchema = z.object({
  items: z.array(jobViewSchema),
  next_cursor: z.string().nullable(),
});

export const rejectionViewSchema = z.object({
  row_number: z
    .number()
    .int()
    .describe(
      'Where the row is in its file: the line it starts on (CSV, NDJSON; the header counted), the sheet row (XLSX), the 1-based element (JSON array)',
    ),
  raw: z.string().describe('The row as read, up to 64 KiB'),
  reasons: z.array(z.string()),
});
export type RejectionView = z.output<typeof rejectionViewSchema>;

export const JOB_EXAMPLE: JobView = {
  job_id: '0b8e3c1a-7f52-4d0e-9a41-5c2f7d9e1b63',
  dataset: 'energy.usage',
  dataset_detected: false,
  status: 'partially_failed',
  source: 'upload',
  file_name: 'usage-october.csv',
  format: 'csv',
  size_bytes: 1_284_311,
  checksum_sha256: '9f2c…e41a',
  object_key: 'energy.usage/2026-11-22/9f2c…e41a.csv',
  submitted_by: 'ada@example.com',
  duplicate_of: null,
  rows: { read: 50_000, accepted: 49_998, rejected: 2 },
  queued_at: '2026-11-22T10:00:00.000Z',
  started_at: '2026-11-22T10:00:00.120Z',
  finished_at: '2026-11-22T10:00:04.870Z',
  duration_ms: 4750,
  rows_per_second: 10_526.3,
  error: null,
  links: {
    self: '/v1/jobs/0b8e3c1a-7f52-4d0e-9a41-5c2f7d9e1b63',
    rejections: '/v1/jobs/0b8e3c1a-7f52-4d0e-9a41-5c2f7d9e1b63/rejections',
  },
};

export const REJECTION_EXAMPLE: RejectionView = {
  row_number: 38,
  raw: 'u-00004,2026-10-08,',
  reasons: ['usage_kwh: is required'],
};
export const rejectionPageSchema = z.object({
  items: z.array(rejectionViewSchema),
  next_cursor: z.string().nullable(),
});
