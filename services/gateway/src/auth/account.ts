import { TributaryError } from '@tributary/contracts';
import { type Scope } from './access';

/**
 * The roles; what each grants is `ROLE_SCOPES` (access.ts). admin: everything; steward: reads
 * data with personal data, and every job; analyst: reads data, personal data masked; ingest:
 * writes data. The contracts' `tributary.identity.Role` enum holds admin, analyst and ingest
 * only: the registry's FULL_TRANSITIVE rule forbids adding a symbol to an enum without a
 * default, so identity events that name a role must carry it as a string.
 */
export const ROLES = ['admin', 'steward', 'analyst', 'ingest'] as const;
export type Role = (typeof ROLES)[number];

export interface Account {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  role: Role;
  passwordHash: string;
  createdAt: Date;
  /** Set when an admin disabled the account: it can neither sign in nor use its tokens or keys. */
  disabledAt?: Date | null;
}

/** Who a request acts as, once authenticated. */
export interface Principal {
  accountId: string;
  email: string;
  /** The account's role now (from the account store, never from the token alone). */
  role: Role;
  /** What this request may do: the role's scopes, narrowed to the key's for an API key. */
  scopes: readonly Scope[];
  /** Set when the request authenticated with an API key. */
  apiKeyId?: string;
  /** An API key limited to datasets: only these (null or absent: every dataset its scopes allow). */
  datasets?: readonly string[] | null;
  /** The sign-in (refresh token family) an access token belongs to; logout revokes it. */
  sessionId?: string;
}

export const hasScope = (principal: Pick<Principal, 'scopes'>, scope: Scope): boolean =>
  principal.scopes.includes(scope);

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
  /** Disables (a date) or enables (null) an account. */
  setDisabled(id: string, at: Date | null): Promise<void>;
  /** The account of an access token and whether its sign-in was revoked; null when it is gone. */
  sessionState(
    accountId: string,
    sessionId: string,
  ): Promise<{ account: Account; sessionRevoked: boolean } | null>;
  /** Revokes every refresh token of a sign-in, and with it the access tokens that name it. */
  revokeSession(accountId: string, sessionId: string, at: Date): Promise<void>;

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
