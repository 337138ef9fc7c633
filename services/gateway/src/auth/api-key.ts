import { type Role } from './account';

export interface ApiKey {
  id: string;
  accountId: string;
  name: string;
  /** Public part of the key, shown in lists so an owner can tell keys apart. */
  prefix: string;
  /** sha256 of the secret part, hex. */
  secretHash: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface ApiKeyStore {
  create(key: Omit<ApiKey, 'createdAt' | 'revokedAt'>): Promise<ApiKey>;
  /** The key with its owner's email, or null. */
  findByPrefix(prefix: string): Promise<{ key: ApiKey; ownerEmail: string } | null>;
  findById(id: string): Promise<ApiKey | null>;
  listByAccount(accountId: string): Promise<ApiKey[]>;
  /** Keys neither revoked nor expired at `now`. */
  countActive(accountId: string, now: Date): Promise<number>;
  revoke(id: string, at: Date): Promise<void>;
}

export const API_KEY_STORE = Symbol('API_KEY_STORE');
