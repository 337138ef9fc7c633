import { EntitySchema, QueryFailedError, type DataSource } from 'typeorm';
import {
  AccountExistsError,
  type Account,
  type AccountStore,
  type RefreshTokenRecord,
  type Role,
} from './account';

interface AccountRow {
  id: string;
  email: string;
  password_hash: string;
  role: Role;
  created_at: Date;
  updated_at: Date;
  disabled_at: Date | null;
}

export const AccountEntity = new EntitySchema<AccountRow>({
  name: 'accounts',
  columns: {
    id: { type: 'uuid', primary: true },
    email: { type: 'text', unique: true },
    password_hash: { type: 'text' },
    role: { type: 'text' },
    created_at: { type: 'timestamptz', createDate: true },
    updated_at: { type: 'timestamptz', updateDate: true },
    disabled_at: { type: 'timestamptz', nullable: true },
  },
});

const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  email: row.email,
  role: row.role,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
  disabledAt: row.disabled_at,
});

/** Postgres's error code for a unique violation. */
const UNIQUE_VIOLATION = '23505';

export class TypeOrmAccountStore implements AccountStore {
  constructor(private readonly db: DataSource) {}

  private get accounts() {
    return this.db.getRepository(AccountEntity);
  }

  async findByEmail(email: string): Promise<Account | null> {
    const row = await this.accounts.findOneBy({ email });
    return row ? toAccount(row) : null;
  }

  async findById(id: string): Promise<Account | null> {
    const row = await this.accounts.findOneBy({ id });
    return row ? toAccount(row) : null;
  }

  async create(account: Omit<Account, 'createdAt'>): Promise<Account> {
    try {
      await this.accounts.insert({
        id: account.id,
        email: account.email,
        password_hash: account.passwordHash,
        role: account.role,
      });
    } catch (error) {
      const code =
        error instanceof QueryFailedError
          ? (error.driverError as { code?: string }).code
          : undefined;
      if (code === UNIQUE_VIOLATION) throw new AccountExistsError(account.email);
      throw error;
    }
    const created = await this.findById(account.id);
    if (!created) throw new Error(`account ${account.id} vanished after insert`);
    return created;
  }

  async setRole(id: string, role: Role): Promise<void> {
    await this.accounts.update({ id }, { role });
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.accounts.update({ id }, { password_hash: passwordHash });
  }

  async setDisabled(id: string, at: Date | null): Promise<void> {
    await this.accounts.update({ id }, { disabled_at: at });
  }

  async sessionState(
    accountId: string,
    sessionId: string,
  ): Promise<{ account: Account; sessionRevoked: boolean } | null> {
    // One round trip per authenticated request: the account and its sign-in's revocation.
    const [row] = (await this.db.query(
      `SELECT a.id, a.email, a.password_hash, a.role, a.created_at, a.updated_at, a.disabled_at,
              EXISTS (SELECT 1 FROM refresh_tokens t
                       WHERE t.family_id = $2 AND t.account_id = a.id AND t.revoked_at IS NOT NULL)
                AS session_revoked
         FROM accounts a WHERE a.id = $1`,
      [accountId, sessionId],
    )) as (AccountRow & { session_revoked: boolean })[];
    return row ? { account: toAccount(row), sessionRevoked: row.session_revoked } : null;
  }

  async revokeSession(accountId: string, sessionId: string, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE refresh_tokens SET revoked_at = $3
        WHERE family_id = $2 AND account_id = $1 AND revoked_at IS NULL`,
      [accountId, sessionId, at],
    );
  }

  async saveRefreshToken(token: RefreshTokenRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO refresh_tokens (token_hash, account_id, family_id, expires_at) VALUES ($1, $2, $3, $4)`,
      [token.hash, token.accountId, token.familyId, token.expiresAt],
    );
  }

  async consumeRefreshToken(
    hash: string,
    now: Date,
  ): Promise<RefreshTokenRecord | 'reused' | null> {
    // One statement claims the token, so two concurrent refreshes cannot both succeed.
    const [claimed] = (await this.db.query(
      `UPDATE refresh_tokens SET used_at = $2
        WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2
        RETURNING account_id, family_id, expires_at`,
      [hash, now],
    )) as [{ account_id: string; family_id: string; expires_at: Date }[], number];
    const row = claimed[0];
    if (row) {
      return {
        hash,
        accountId: row.account_id,
        familyId: row.family_id,
        expiresAt: row.expires_at,
      };
    }
    const [known] = (await this.db.query(
      `SELECT family_id, used_at FROM refresh_tokens WHERE token_hash = $1`,
      [hash],
    )) as { family_id: string; used_at: Date | null }[];
    if (!known || known.used_at === null) return null;
    await this.db.query(
      `UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL`,
      [known.family_id, now],
    );
    return 'reused';
  }
}
