import { z } from 'zod';
import { ROLES } from '../auth/account';
import { cursorParam, limitParam, pageSchema } from '../http/query-params';

export const listAccountsQuerySchema = z.strictObject({
  limit: limitParam(500, 100),
  cursor: cursorParam(),
});
export type ListAccountsQuery = z.output<typeof listAccountsQuerySchema>;

export const accountIdSchema = z.uuid('must be an account id (a UUID)');

export const setRoleSchema = z.strictObject({
  role: z.enum(ROLES).meta({
    description:
      'admin, steward (reads, personal data included), analyst (reads, personal data masked) or ingest (writes)',
  }),
});
export type SetRoleBody = z.output<typeof setRoleSchema>;

export const updateAccountSchema = z
  .strictObject({
    role: setRoleSchema.shape.role.optional(),
    disabled: z.boolean().optional().meta({
      description:
        'true: the account can no longer sign in, and its access tokens and API keys stop working (keys within 10 s); false: enabled again',
    }),
  })
  .refine((body) => body.role !== undefined || body.disabled !== undefined, {
    message: 'name role, disabled or both',
  });
export type UpdateAccountBody = z.output<typeof updateAccountSchema>;

export const adminAccountViewSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(ROLES),
  created_at: z.iso.datetime(),
  disabled_at: z.iso.datetime().nullable(),
  active_api_keys: z.number().int().describe('Keys neither revoked nor expired'),
});
export type AdminAccountView = z.output<typeof adminAccountViewSchema>;
export const adminAccountPageSchema = pageSchema(adminAccountViewSchema);

export const ACCOUNT_EXAMPLE: AdminAccountView = {
  id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  email: 'ada@example.com',
  role: 'analyst',
  created_at: '2026-11-22T10:00:00.000Z',
  disabled_at: null,
  active_api_keys: 1,
};

export const activityQuerySchema = z.strictObject({
  days: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a whole number of days between 1 and 366')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 366, 'must be a whole number of days between 1 and 366')
    .optional()
    .meta({ description: 'The window, in days up to now (default 7)', example: '30' }),
});
export type ActivityQuery = z.output<typeof activityQuerySchema>;

export const activityViewSchema = z.object({
  submitted_by: z
    .string()
    .nullable()
    .describe('The account or API key that sent the files; null for the inbox and SFTP'),
  email: z.string().nullable().describe("The account's email (the key owner's, for a key)"),
  api_key_name: z.string().nullable().describe('Set when an API key sent them'),
  source: z.enum(['upload', 'inbox', 'sftp']).nullable(),
  jobs: z.number().int(),
  failed_jobs: z.number().int(),
  rows: z.object({
    read: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
  }),
  bytes: z.number().int(),
  last_queued_at: z.iso.datetime().nullable(),
});
export type ActivityView = z.output<typeof activityViewSchema>;

export const activitySchema = z.object({
  since: z.iso.datetime(),
  items: z.array(activityViewSchema).describe('Most recently active first'),
  next_cursor: z.null(),
});

export const ACTIVITY_EXAMPLE: ActivityView = {
  submitted_by: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  email: 'ada@example.com',
  api_key_name: null,
  source: 'upload',
  jobs: 12,
  failed_jobs: 1,
  rows: { read: 50_000, accepted: 49_990, rejected: 10 },
  bytes: 1_284_311,
  last_queued_at: '2026-11-22T10:00:00.000Z',
};
