import { type DataSource } from 'typeorm';
import { type AuditEntry, type AuditFilter, type AuditLog, type AuditRecord } from './audit-log';

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

export class PostgresAuditLog implements AuditLog {
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
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      action: row.action,
      actorAccountId: row.actor_account_id,
      actorApiKeyId: row.actor_api_key_id,
      subjectAccountId: row.subject_account_id,
      email: row.email,
      clientIp: row.client_ip,
      detail: row.detail,
    }));
  }
}
