import { z } from 'zod';
import { cursorParam, instantParam, limitParam, pageSchema } from '../http/query-params';
import { AUDIT_ACTIONS } from './audit-log';

export const auditQuerySchema = z
  .strictObject({
    action: z.enum(AUDIT_ACTIONS).optional().meta({ description: 'Only this kind of event' }),
    account_id: z
      .uuid('must be an account id (a UUID)')
      .optional()
      .meta({ description: 'Only events where this account acted or was acted on' }),
    from: instantParam('Events at or after this instant'),
    to: instantParam('Events before this instant (exclusive)'),
    limit: limitParam(500, 100),
    cursor: cursorParam(),
  })
  .superRefine((q, ctx) => {
    if (q.from !== undefined && q.to !== undefined && Date.parse(q.from) >= Date.parse(q.to))
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  });
export type AuditQuery = z.output<typeof auditQuerySchema>;

export const auditEventSchema = z.object({
  id: z.string().describe('Grows with every event'),
  at: z.iso.datetime(),
  action: z.enum(AUDIT_ACTIONS),
  actor_account_id: z.uuid().nullable().describe('Who acted; null for an anonymous attempt'),
  actor_api_key_id: z.uuid().nullable().describe('The API key that acted, if one did'),
  subject_account_id: z.uuid().nullable().describe('The account acted on'),
  email: z.string().nullable().describe('The address tried, for sign-in events'),
  client_ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEventView = z.output<typeof auditEventSchema>;
export const auditPageSchema = pageSchema(auditEventSchema);

export const AUDIT_EXAMPLE: AuditEventView = {
  id: '1042',
  at: '2026-11-22T10:00:00.000Z',
  action: 'role.changed',
  actor_account_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  actor_api_key_id: null,
  subject_account_id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  email: null,
  client_ip: null,
  detail: { from: 'analyst', to: 'steward' },
};
