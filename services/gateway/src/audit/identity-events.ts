import { type TributaryIdentity } from '@tributary/contracts';
import { type OutboxRecord } from './audit-log';

export const IDENTITY_TOPIC = 'identity.account-events';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The identity event an audit record is: the same facts, field for field (the typed fields are
 * read from the record's detail, which the event also carries whole, as JSON).
 */
export function identityEventOf(record: OutboxRecord): TributaryIdentity.AccountEventRecorded {
  const detail = record.detail;
  const roleChange = record.action === 'role.changed';
  return {
    metadata: {
      event_id: record.eventId,
      occurred_at: record.at,
      ingested_at: record.at,
      source: { kind: 'http', reference: null, row_number: null },
      trace_id: null,
    },
    subject: record.subjectAccountId ?? record.email ?? record.actorAccountId ?? 'anonymous',
    audit_id: Number(record.id),
    action: record.action,
    actor_account_id: record.actorAccountId,
    actor_api_key_id: record.actorApiKeyId,
    subject_account_id: record.subjectAccountId,
    email: record.email,
    client_ip: record.clientIp,
    role: text(roleChange ? detail['to'] : detail['role']),
    previous_role: roleChange ? text(detail['from']) : null,
    api_key_id: text(detail['key_id']),
    invite_id: text(detail['invite_id']),
    session_id: text(detail['session_id']),
    reason: text(detail['reason']),
    detail: JSON.stringify(detail),
  };
}
