import { type DataSource } from 'typeorm';
import { type Role } from './account';
import { type ApiKey, type ApiKeyStore } from './api-key';

interface ApiKeyRow {
  id: string;
  account_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  role: Role;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS =
  'id, account_id, name, prefix, secret_hash, role, created_at, expires_at, revoked_at';

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  accountId: row.account_id,
  name: row.name,
  prefix: row.prefix,
  secretHash: row.secret_hash,
  role: row.role,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

export class TypeOrmApiKeyStore implements ApiKeyStore {
  constructor(private readonly db: DataSource) {}

  async create(key: Omit<ApiKey, 'createdAt' | 'revokedAt'>): Promise<ApiKey> {
    const [row] = (await this.db.query(
      `INSERT INTO api_keys (id, account_id, name, prefix, secret_hash, role, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [key.id, key.accountId, key.name, key.prefix, key.secretHash, key.role, key.expiresAt],
    )) as ApiKeyRow[];
    return toApiKey(row!);
  }

  async findByPrefix(prefix: string): Promise<{ key: ApiKey; ownerEmail: string } | null> {
    const [row] = (await this.db.query(
      `SELECT ${COLUMNS.split(', ')
        .map((c) => `k.${c}`)
        .join(', ')}, a.email AS owner_email
         FROM api_keys k JOIN accounts a ON a.id = k.account_id
        WHERE k.prefix = $1`,
      [prefix],
    )) as (ApiKeyRow & { owner_email: string })[];
    return row ? { key: toApiKey(row), ownerEmail: row.owner_email } : null;
  }

  async findById(id: string): Promise<ApiKey | null> {
    const [row] = (await this.db.query(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [
      id,
    ])) as ApiKeyRow[];
    return row ? toApiKey(row) : null;
  }

  async listByAccount(accountId: string): Promise<ApiKey[]> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM api_keys WHERE account_id = $1 ORDER BY created_at, id`,
      [accountId],
    )) as ApiKeyRow[];
    return rows.map(toApiKey);
  }

  async countActive(accountId: string, now: Date): Promise<number> {
    const [row] = (await this.db.query(
      `SELECT count(*)::int AS n FROM api_keys
        WHERE account_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)`,
      [accountId, now],
    )) as { n: number }[];
    return row?.n ?? 0;
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [id, at],
    );
  }
}
