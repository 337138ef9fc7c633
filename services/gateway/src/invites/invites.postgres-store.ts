import { type DataSource } from 'typeorm';
import { type Role } from '../auth/account';
import { type Invite, type InviteStore } from './invite';

interface InviteRow {
  id: string;
  role: Role;
  note: string | null;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  used_by: string | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, role, note, created_by, created_at, expires_at, used_at, used_by, revoked_at';

const toInvite = (row: InviteRow): Invite => ({
  id: row.id,
  role: row.role,
  note: row.note,
  createdBy: row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
  usedBy: row.used_by,
  revokedAt: row.revoked_at,
});

/** `UPDATE … RETURNING` answers `[rows, count]` through TypeORM's query(). */
const returned = (result: unknown): InviteRow[] =>
  (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as InviteRow[];

export class PostgresInviteStore implements InviteStore {
  constructor(private readonly db: DataSource) {}

  async create(invite: Parameters<InviteStore['create']>[0]): Promise<Invite> {
    const rows = (await this.db.query(
      `INSERT INTO invites (id, token_hash, role, note, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [invite.id, invite.tokenHash, invite.role, invite.note, invite.createdBy, invite.expiresAt],
    )) as InviteRow[];
    return toInvite(rows[0]!);
  }

  async list(after: { created_at: string; id: string } | null, limit: number): Promise<Invite[]> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM invites
       ${after ? 'WHERE (created_at, id) > ($2::timestamptz, $3::uuid)' : ''}
       ORDER BY created_at, id LIMIT $1`,
      after ? [limit, after.created_at, after.id] : [limit],
    )) as InviteRow[];
    return rows.map(toInvite);
  }

  async find(id: string): Promise<Invite | null> {
    const rows = (await this.db.query(`SELECT ${COLUMNS} FROM invites WHERE id = $1`, [
      id,
    ])) as InviteRow[];
    return rows[0] ? toInvite(rows[0]) : null;
  }

  async revoke(id: string, at: Date): Promise<Invite | null> {
    await this.db.query(
      'UPDATE invites SET revoked_at = $2 WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL',
      [id, at],
    );
    return this.find(id);
  }

  async claim(tokenHash: string, now: Date): Promise<Invite | null> {
    const rows = returned(
      await this.db.query(
        `UPDATE invites SET used_at = $2
          WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2
          RETURNING ${COLUMNS}`,
        [tokenHash, now],
      ),
    );
    return rows[0] ? toInvite(rows[0]) : null;
  }

  async setUsedBy(id: string, accountId: string): Promise<void> {
    await this.db.query('UPDATE invites SET used_by = $2 WHERE id = $1', [id, accountId]);
  }

  async release(id: string): Promise<void> {
    await this.db.query('UPDATE invites SET used_at = NULL, used_by = NULL WHERE id = $1', [id]);
  }
}
