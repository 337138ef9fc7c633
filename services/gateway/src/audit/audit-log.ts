/** What the audit log records: who did what to which account, from where. */
export const AUDIT_ACTIONS = [
  'account.registered',
  'login.succeeded',
  'login.failed',
  'login.locked',
  'logout',
  'password.changed',
  'key.issued',
  'key.revoked',
  'role.changed',
  'account.disabled',
  'account.enabled',
  'invite.created',
  'invite.used',
  'invite.revoked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  /** The account acting (null for an anonymous attempt, e.g. a failed login). */
  actorAccountId: string | null;
  /** The API key acting, when a key did it. */
  actorApiKeyId?: string | null;
  /** The account acted on (the one logging in, whose key or role changed). */
  subjectAccountId: string | null;
  /** The address tried at login, lower-cased; kept for failures against unknown accounts. */
  email?: string | null;
  clientIp?: string | null;
  /** What else identifies the event: a key's id and scopes, a role before and after, a reason. */
  detail?: Record<string, unknown>;
}

export interface AuditRecord extends Required<AuditEntry> {
  id: string;
  at: Date;
}

export interface AuditFilter {
  action?: AuditAction;
  /** Events where this account acted or was acted on. */
  accountId?: string;
  from?: Date;
  to?: Date;
}

/**
 * The audit log (Postgres, the gateway's schema). Newest first by id (ids grow with every
 * record, exactly, where timestamps of concurrent transactions may not).
 */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Records with an id below `before` (a decimal string), newest first. */
  list(filter: AuditFilter, before: string | null, limit: number): Promise<AuditRecord[]>;
}

export const AUDIT_LOG = Symbol('AUDIT_LOG');

/** An audit record with the id of the identity event it becomes. */
export interface OutboxRecord extends AuditRecord {
  eventId: string;
}

/**
 * The audit rows not yet published as identity events (the audit log is their outbox): what
 * publishes them reads them from here, so an event never says what the log does not.
 */
export interface AuditOutbox {
  /**
   * Hands the oldest unpublished records (at most `limit`, in id order) to `publish` and marks
   * them published once it resolves; if it throws they stay unpublished, for the next call. One
   * caller at a time across replicas: a concurrent call hands over nothing and returns 0.
   * Returns how many were published.
   */
  drain(limit: number, publish: (records: OutboxRecord[]) => Promise<void>): Promise<number>;
}

export const AUDIT_OUTBOX = Symbol('AUDIT_OUTBOX');
