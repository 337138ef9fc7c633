import { z } from 'zod';
import { DATASETS } from '@tributary/contracts';

export const qualityQuerySchema = z.strictObject({
  id_prefix: z
    .string()
    .min(1, 'must not be empty')
    .max(128, 'must be at most 128 characters')
    .optional()
    .meta({
      description:
        "Only rows whose key's first field (user_id, sensor_id…) starts with this, and rejected rows whose raw text contains it: one tenant's or one test run's ids",
      example: 'acme-',
    }),
});
export type QualityQuery = z.output<typeof qualityQuerySchema>;

const value = z.union([z.string(), z.number(), z.null()]);
const values = z
  .record(z.string(), value)
  .describe('Field → value; instants as ISO-8601 UTC, days as YYYY-MM-DD, decimals as numbers');

const finding = z.object({
  key: values.describe("The row's key: field → value"),
  values: values.describe('The values the check looked at'),
});

export const fieldProfileSchema = z.object({
  field: z.string(),
  nulls: z.number().int(),
  null_rate: z.number().describe('nulls / rows (0 when there are no rows)'),
  empty: z.number().int().nullable().describe('Empty strings; null for fields that are not text'),
  empty_rate: z.number().nullable().describe('empty / rows; null for fields that are not text'),
  distinct: z.number().int().describe('Distinct non-null values'),
});

export const qualityReportSchema = z.object({
  dataset: z.enum(DATASETS),
  id_prefix: z.string().nullable().describe('The filter applied, if any'),
  rows: z.number().int().describe('Accepted rows (the table read FINAL)'),
  fields: z.array(fieldProfileSchema).describe('One per canonical field, in file order'),
  duplicate_keys: z.object({
    key: z.array(z.string()).describe("The dataset's key fields"),
    keys: z.number().int().describe('Keys that occur more than once'),
    rows: z.number().int().describe('Rows carrying those keys'),
    examples: z
      .array(z.object({ key: values, occurrences: z.number().int() }))
      .describe('Up to 10, most occurrences first, then by key'),
  }),
  out_of_range: z
    .array(
      z.object({
        rule: z.string().describe('e.g. `energy_kwh >= 0`; NULL is never out of range'),
        fields: z.array(z.string()),
        count: z.number().int(),
        examples: z.array(finding).describe('Up to 10, by key'),
      }),
    )
    .describe("Every rule of the dataset's table, broken or not"),
  orphans: z
    .array(
      z.object({
        field: z.string(),
        references: z.string().describe('The dataset whose key the field should name'),
        count: z.number().int(),
        examples: z.array(finding).describe('Up to 10, by key'),
      }),
    )
    .describe('Every reference of the dataset, broken or not'),
  outliers: z
    .array(
      z.object({
        field: z.string(),
        values: z.number().int().describe('Non-null values ranked'),
        q1: z
          .number()
          .nullable()
          .describe('Value at 0-based index floor(0.25·n) of the sorted values'),
        q3: z.number().nullable().describe('Value at 0-based index floor(0.75·n)'),
        iqr: z.number().nullable(),
        lower_fence: z.number().nullable().describe('q1 − 1.5·iqr'),
        upper_fence: z.number().nullable().describe('q3 + 1.5·iqr'),
        count: z.number().int().describe('Values strictly outside the fences'),
        examples: z.array(finding).describe('Up to 10, by key'),
      }),
    )
    .describe('One per numeric field (Tukey’s rule)'),
  rejections: z.object({
    rows: z.number().int().describe("Rows of the dataset's files that ingest rejected"),
    reasons: z
      .array(
        z.object({
          reason: z.string().describe('The reason without its quoted value'),
          count: z.number().int(),
          examples: z
            .array(
              z.object({
                job_id: z.string(),
                row_number: z.number().int(),
                reason: z.string().describe('The reason as given, the value included'),
                raw: z.string(),
              }),
            )
            .describe('Up to 3, by job and row'),
        }),
      )
      .describe('Most frequent first; up to 100'),
  }),
});
export type QualityReport = z.output<typeof qualityReportSchema>;

export const QUALITY_REPORT_EXAMPLE: QualityReport = {
  dataset: 'ev.transactions',
  id_prefix: null,
  rows: 4,
  fields: [
    {
      field: 'transaction_id',
      nulls: 0,
      null_rate: 0,
      empty: 0,
      empty_rate: 0,
      distinct: 3,
    },
    { field: 'end_time', nulls: 1, null_rate: 0.25, empty: null, empty_rate: null, distinct: 3 },
    { field: 'energy_kwh', nulls: 0, null_rate: 0, empty: null, empty_rate: null, distinct: 4 },
  ],
  duplicate_keys: {
    key: ['transaction_id'],
    keys: 1,
    rows: 2,
    examples: [{ key: { transaction_id: 'tx-0000007' }, occurrences: 2 }],
  },
  out_of_range: [
    {
      rule: 'energy_kwh >= 0',
      fields: ['energy_kwh'],
      count: 1,
      examples: [{ key: { transaction_id: 'tx-0000012' }, values: { energy_kwh: -31.5 } }],
    },
    { rule: 'cost >= 0', fields: ['cost'], count: 0, examples: [] },
    { rule: 'end_time >= start_time', fields: ['start_time', 'end_time'], count: 0, examples: [] },
  ],
  orphans: [
    {
      field: 'user_id',
      references: 'ev.users',
      count: 1,
      examples: [{ key: { transaction_id: 'tx-0000019' }, values: { user_id: 'u-99999' } }],
    },
    { field: 'charger_id', references: 'ev.chargers', count: 0, examples: [] },
  ],
  outliers: [
    {
      field: 'energy_kwh',
      values: 4,
      q1: 12.4,
      q3: 40.1,
      iqr: 27.700000000000003,
      lower_fence: -29.150000000000006,
      upper_fence: 81.65,
      count: 1,
      examples: [{ key: { transaction_id: 'tx-0000012' }, values: { energy_kwh: -31.5 } }],
    },
  ],
  rejections: {
    rows: 1,
    reasons: [
      {
        reason: 'start_time: must be an ISO-8601 date-time',
        count: 1,
        examples: [
          {
            job_id: '0b8e3c1a-7f52-4d0e-9a41-5c2f7d9e1b63',
            row_number: 23,
            reason: 'start_time: must be an ISO-8601 date-time, got "31/02/2026 25:61"',
            raw: 'tx-0000023,u-00004,ch-00002,31/02/2026 25:61,2026-10-02T11:05:00Z,12.5,5.63,EUR',
          },
        ],
      },
    ],
  },
};
