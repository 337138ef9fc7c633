import { type DataSource } from 'typeorm';
import { type Role } from '../auth/account';
import { queryDirectory } from '../directory/directory-sql';
import { type AccountRecord, type ActivityRecord, type AdminStore } from './admin.store';

const ACCOUNT_COLUMNS = `a.id, a.email, a.role, a.created_at, a.disabled_at,
  (SELECT count(*)::int FROM api_keys k WHERE k.account_id = a.id AND k.revoked_at IS NULL
     AND (k.expires_at IS NULL OR k.expires_at > now())) AS active_api_keys`;

/**
 * Accounts from the gateway's own schema (first on the connection's search path), ingest activity
 * from the directory's jobs, joined to the account or API key that submitted each job.
 */
export class PostgresAdminStore implements AdminStore {
  constructor(private readonly db: DataSource) {}

  async accounts(
    after: { created_at: string; id: string } | null,
    limit: number,
  ): Promise<AccountRecord[]> {
    return (await this.db.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts a
       ${after ? 'WHERE (a.created_at, a.id) > ($2::timestamptz, $3::uuid)' : ''}
       ORDER BY a.created_at, a.id LIMIT $1`,
      after ? [limit, after.created_at, after.id] : [limit],
    )) as AccountRecord[];
  }

  async account(id: string): Promise<AccountRecord | null> {
    const rows = (await this.db.query(`SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = $1`, [
      id,
    ])) as AccountRecord[];
    return rows[0] ?? null;
  }

  async setRole(id: string, role: Role): Promise<void> {
    await this.db.query('UPDATE accounts SET role = $2, updated_at = now() WHERE id = $1', [
      id,
      role,
    ]);
  }

  async setDisabled(id: string, at: Date | null): Promise<void> {
    await this.db.query('UPDATE accounts SET disabled_at = $2, updated_at = now() WHERE id = $1', [
      id,
      at,
    ]);
  }

  activity(since: Date): Promise<ActivityRecord[]> {
    // submitted_by is an account id or an API key id (text); both are matched as text, so a
    // value that is neither (an older job, a deleted account) still counts, without a name.
    return queryDirectory<ActivityRecord>(
      this.db,
      'ingest_jobs',
      `SELECT j.submitted_by, coalesce(a.email, ka.email) AS email, k.name AS api_key_name,
         j.source, count(*)::int AS jobs,
         count(*) FILTER (WHERE j.status = 'failed')::int AS failed_jobs,
         coalesce(sum(j.rows_read), 0)::float8 AS rows_read,
         coalesce(sum(j.rows_accepted), 0)::float8 AS rows_accepted,
         coalesce(sum(j.rows_rejected), 0)::float8 AS rows_rejected,
         coalesce(sum(j.size_bytes), 0)::float8 AS bytes,
         max(j.queued_at) AS last_queued_at
       FROM directory.ingest_jobs j
       LEFT JOIN accounts a ON a.id::text = j.submitted_by
       LEFT JOIN api_keys k ON k.id::text = j.submitted_by
       LEFT JOIN accounts ka ON ka.id = k.account_id
       WHERE j.queued_at >= $1
       GROUP BY j.submitted_by, a.email, ka.email, k.name, j.source
       ORDER BY max(j.queued_at) DESC NULLS LAST, j.submitted_by, j.source`,
      [since],
    );
  }
}
