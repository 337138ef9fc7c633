import { type Scope } from './access';
import { ProblemException } from '../http/problem';
import { type Principal, type Role } from './account';

export interface ApiKey {
  id: string;
  accountId: string;
  name: string;
  /** Public part of the key, shown in lists so an owner can tell keys apart. */
  prefix: string;
  /** sha256 of the secret part, hex. */
  secretHash: string;
  /** The role it was issued under; its scopes are within that role's. */
  role: Role;
  /** What the key may do (further narrowed to its owner's current role when it is used). */
  scopes: readonly Scope[];
  /** Datasets the key is limited to; null: any its scopes allow. */
  datasets: readonly string[] | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface ApiKeyStore {
  create(key: Omit<ApiKey, 'createdAt' | 'revokedAt'>): Promise<ApiKey>;
  /** The key with its owner's email, current role and disabled state, or null. */
  findByPrefix(prefix: string): Promise<{ key: ApiKey; owner: KeyOwner } | null>;
  findById(id: string): Promise<ApiKey | null>;
  listByAccount(accountId: string): Promise<ApiKey[]>;
  /** Keys neither revoked nor expired at `now`. */
  countActive(accountId: string, now: Date): Promise<number>;
  revoke(id: string, at: Date): Promise<void>;
}

export interface KeyOwner {
  email: string;
  role: Role;
  disabledAt: Date | null;
}

export const API_KEY_STORE = Symbol('API_KEY_STORE');

/** Refuses a dataset outside an API key's dataset list (403); keys without a list pass. */
export function assertDatasetAllowed(
  principal: Pick<Principal, 'datasets'>,
  ...datasets: readonly string[]
): void {
  const allowed = principal.datasets;
  if (!allowed) return;
  const outside = datasets.filter((dataset) => !allowed.includes(dataset));
  if (outside.length > 0)
    throw new ProblemException(
      'forbidden',
      `this API key is limited to ${allowed.join(', ')}; it cannot use ${outside.join(', ')}`,
    );
}
