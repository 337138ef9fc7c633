import { type DataSource } from 'typeorm';
import { type Role } from './account';
import { type Scope } from './access';
import { type ApiKey, type ApiKeyStore, type KeyOwner } from './api-key';

interface ApiKeyRow {
  id: string;
  account_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  role: Role;
  scopes: Scope[];
  datasets: string[] | null;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS =
  'id, account_id, name, prefix, secret_hash, role, scopes, datasets, created_at, expires_at, revoked_at';

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  accountId: row.account_id,
  name: row.name,
  prefix: row.prefix,
  secretHash: row.secret_hash,
  role: row.role,
  scopes: row.scopes,
  datasets: row.datasets,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

export class TypeOrmApiKeyStore implements ApiKeyStore {
  constructor(private readonly db: DataSource) {}

  async create(key: Omit<ApiKey, 'createdAt' | 'revokedAt'>): Promise<ApiKey> {
    const [row] = (await this.db.query(
      `INSERT INTO api_keys (id, account_id, name, prefix, secret_hash, role, scopes, datasets, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [
        key.id,
        key.accountId,
        key.name,
        key.prefix,
        key.secretHash,
        key.role,
        key.scopes,
        key.datasets,
        key.expiresAt,
      ],
    )) as ApiKeyRow[];
    return toApiKey(row!);
  }

  async findByPrefix(prefix: string): Promise<{ key: ApiKey; owner: KeyOwner } | null> {
    const [row] = (await this.db.query(
      `SELECT ${COLUMNS.split(', ')
        .map((c) => `k.${c}`)
        .join(
          ', ',
        )}, a.email AS owner_email, a.role AS owner_role, a.disabled_at AS owner_disabled_at
         FROM api_keys k JOIN accounts a ON a.id = k.account_id
        WHERE k.prefix = $1`,
      [prefix],
    )) as (ApiKeyRow & {
      owner_email: string;
      owner_role: Role;
      owner_disabled_at: Date | null;
    })[];
    return row
      ? {
          key: toApiKey(row),
          owner: {
            email: row.owner_email,
            role: row.owner_role,
            disabledAt: row.owner_disabled_at,
          },
        }
      : null;
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
