import { type DataSource } from 'typeorm';
import {
  type AuditEntry,
  type AuditFilter,
  type AuditLog,
  type AuditOutbox,
  type AuditRecord,
  type OutboxRecord,
} from './audit-log';

/** The advisory lock one draining replica holds (any constant, unique within the database). */
const OUTBOX_LOCK = 1_766_000_100;

interface AuditRow {
  id: string;
  at: Date;
  action: AuditRecord['action'];
  actor_account_id: string | null;
  actor_api_key_id: string | null;
  subject_account_id: string | null;
  email: string | null;
  client_ip: string | null;
  detail: Record<string, unknown>;
}

const toRecord = (row: AuditRow): AuditRecord => ({
  id: row.id,
  at: row.at,
  action: row.action,
  actorAccountId: row.actor_account_id,
  actorApiKeyId: row.actor_api_key_id,
  subjectAccountId: row.subject_account_id,
  email: row.email,
  clientIp: row.client_ip,
  detail: row.detail,
});

export class PostgresAuditLog implements AuditLog, AuditOutbox {
  constructor(private readonly db: DataSource) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_log (action, actor_account_id, actor_api_key_id, subject_account_id,
                              email, client_ip, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.action,
        entry.actorAccountId,
        entry.actorApiKeyId ?? null,
        entry.subjectAccountId,
        entry.email ?? null,
        entry.clientIp ?? null,
        JSON.stringify(entry.detail ?? {}),
      ],
    );
  }

  async list(filter: AuditFilter, before: string | null, limit: number): Promise<AuditRecord[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: (n: number) => string, value: unknown) => {
      values.push(value);
      where.push(sql(values.length));
    };
    if (filter.action) add((n) => `action = $${n}`, filter.action);
    if (filter.accountId)
      add((n) => `(actor_account_id = $${n} OR subject_account_id = $${n})`, filter.accountId);
    if (filter.from) add((n) => `at >= $${n}`, filter.from);
    if (filter.to) add((n) => `at < $${n}`, filter.to);
    if (before) add((n) => `id < $${n}::bigint`, before);
    values.push(limit);
    const rows = (await this.db.query(
      // Ordered by the bigint column, not the text alias (as text, '99' sorts after '167').
      `SELECT id::text AS id, at, action, actor_account_id, actor_api_key_id, subject_account_id,
              email, client_ip, detail
         FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY audit_log.id DESC LIMIT $${values.length}`,
      values,
    )) as AuditRow[];
    return rows.map(toRecord);
  }

  async drain(limit: number, publish: (records: OutboxRecord[]) => Promise<void>): Promise<number> {
    return this.db.transaction(async (tx) => {
      // One drainer at a time keeps each subject's events in the log's order; the others skip.
      const [lock] = (await tx.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        OUTBOX_LOCK,
      ])) as { locked: boolean }[];
      if (!lock?.locked) return 0;
      const rows = (await tx.query(
        `SELECT id::text AS id, event_id, at, action, actor_account_id, actor_api_key_id,
                subject_account_id, email, client_ip, detail
           FROM audit_log WHERE published_at IS NULL ORDER BY id LIMIT $1`,
        [limit],
      )) as (AuditRow & { event_id: string })[];
      if (rows.length === 0) return 0;
      await publish(rows.map((row) => ({ ...toRecord(row), eventId: row.event_id })));
      await tx.query('UPDATE audit_log SET published_at = now() WHERE id = ANY($1::bigint[])', [
        rows.map((row) => row.id),
      ]);
      return rows.length;
    });
  }
}
