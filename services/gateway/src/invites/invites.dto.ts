import { z } from 'zod';
import { ROLES } from '../auth/account';
import { cursorParam, limitParam, pageSchema } from '../http/query-params';

/** How long an invite lasts unless the admin says otherwise, and at most. */
export const DEFAULT_INVITE_DAYS = 7;
export const MAX_INVITE_DAYS = 30;

export const createInviteSchema = z.strictObject({
  role: z.enum(ROLES).meta({
    description:
      'The role the invitee gets: admin, steward (reads, personal data included), analyst (reads, personal data masked) or ingest (writes)',
    example: 'analyst',
  }),
  expires_at: z.iso
    .datetime({ offset: true, message: 'must be an ISO-8601 date-time with a time zone' })
    .optional()
    .meta({
      description: `When the invite stops working: in the future, at most ${MAX_INVITE_DAYS} days ahead (default ${DEFAULT_INVITE_DAYS} days)`,
      example: '2026-12-14T00:00:00Z',
    }),
  note: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .optional()
    .meta({ description: 'Who or what it is for, for the admins', example: 'new analyst, team B' }),
});
export type CreateInviteBody = z.output<typeof createInviteSchema>;

export const listInvitesQuerySchema = z.strictObject({
  limit: limitParam(500, 100),
  cursor: cursorParam(),
});
export type ListInvitesQuery = z.output<typeof listInvitesQuerySchema>;

export const inviteIdSchema = z.uuid('must be an invite id (a UUID)');

export const inviteViewSchema = z.object({
  id: z.uuid(),
  role: z.enum(ROLES),
  note: z.string().nullable(),
  state: z
    .enum(['pending', 'used', 'revoked', 'expired'])
    .describe('pending: can still be used; used, revoked or expired: never again'),
  created_by: z.uuid().describe('The admin who created it'),
  created_at: z.iso.datetime(),
  expires_at: z.iso.datetime(),
  used_at: z.iso.datetime().nullable(),
  used_by: z
    .uuid()
    .nullable()
    .describe('The account it created (null when unused, or used with an address already taken)'),
  revoked_at: z.iso.datetime().nullable(),
});
export type InviteView = z.output<typeof inviteViewSchema>;
export const invitePageSchema = pageSchema(inviteViewSchema);

export const createdInviteSchema = inviteViewSchema.extend({
  token: z.string().meta({
    description:
      'The invite itself, shown this once only (only its sha256 is stored): the invitee sends it as `invite` to POST /v1/auth/register.',
    example: 'trb_inv_…',
  }),
});
export type CreatedInvite = z.output<typeof createdInviteSchema>;

export const INVITE_EXAMPLE: InviteView = {
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  role: 'analyst',
  note: 'new analyst, team B',
  state: 'pending',
  created_by: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  created_at: '2026-12-07T10:00:00.000Z',
  expires_at: '2026-12-14T10:00:00.000Z',
  used_at: null,
  used_by: null,
  revoked_at: null,
};
