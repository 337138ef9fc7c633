import { type TributaryIdentity, TributaryError } from '@tributary/contracts';

export type Role = TributaryIdentity.Role;

/** admin: everything; analyst: reads data; ingest: writes data (the contracts' Role enum). */
export const ROLES = ['admin', 'analyst', 'ingest'] as const satisfies readonly Role[];

export interface Account {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  role: Role;
  passwordHash: string;
  createdAt: Date;
}

/** Who a request acts as, once authenticated. */
export interface Principal {
  accountId: string;
  email: string;
  role: Role;
  /** Set when the request authenticated with an API key (which then sets the role). */
  apiKeyId?: string;
}

/** What a role may do; a route asks for one permission (administer: accounts, activity). */
export type Permission = 'read' | 'write' | 'administer';

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['read', 'write', 'administer'],
  analyst: ['read'],
  ingest: ['write'],
};

export const roleAllows = (role: Role, permission: Permission): boolean =>
  GRANTS[role].includes(permission);

export class AccountExistsError extends TributaryError {
  constructor(email: string) {
    super('ACCOUNT.EXISTS', `an account with email ${email} already exists`);
  }
}

/** Accounts and their refresh tokens (Postgres in production; in memory in unit tests). */
export interface AccountStore {
  findByEmail(email: string): Promise<Account | null>;
  findById(id: string): Promise<Account | null>;
  /** Throws AccountExistsError when the email is taken. */
  create(account: Omit<Account, 'createdAt'>): Promise<Account>;
  setRole(id: string, role: Role): Promise<void>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;

  saveRefreshToken(token: RefreshTokenRecord): Promise<void>;
  /**
   * Marks an unused, unrevoked, unexpired token used and returns it. A token that was already
   * used is a sign of theft: its whole family is revoked and `reused` returned.
   */
  consumeRefreshToken(hash: string, now: Date): Promise<RefreshTokenRecord | 'reused' | null>;
}

export interface RefreshTokenRecord {
  /** sha256 of the token, hex; the token itself is never stored. */
  hash: string;
  accountId: string;
  /** Every token rotated from one login shares a family. */
  familyId: string;
  expiresAt: Date;
}

export const ACCOUNT_STORE = Symbol('ACCOUNT_STORE');
