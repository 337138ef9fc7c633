import { type Role } from '../auth/account';

/** An invite to register, as stored (its token only as a sha256). */
export interface Invite {
  id: string;
  role: Role;
  /** Who or what it is for, as the admin wrote it. */
  note: string | null;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  /** When a registration spent it, and the account it created (null if the address was taken). */
  usedAt: Date | null;
  usedBy: string | null;
  revokedAt: Date | null;
}

export type InviteState = 'pending' | 'used' | 'revoked' | 'expired';

export const inviteState = (invite: Invite, now: Date): InviteState =>
  invite.usedAt
    ? 'used'
    : invite.revokedAt
      ? 'revoked'
      : invite.expiresAt <= now
        ? 'expired'
        : 'pending';

/** Invites (Postgres, the gateway's schema; in memory in unit tests). */
export interface InviteStore {
  create(
    invite: Omit<Invite, 'createdAt' | 'usedAt' | 'usedBy' | 'revokedAt'> & {
      tokenHash: string;
    },
  ): Promise<Invite>;
  /** Oldest first, after the key `(created_at, id)`; `limit` rows at most. */
  list(after: { created_at: string; id: string } | null, limit: number): Promise<Invite[]>;
  find(id: string): Promise<Invite | null>;
  /** Revokes a pending invite; returns the invite as it is now (null: no such invite). */
  revoke(id: string, at: Date): Promise<Invite | null>;
  /**
   * Spends the invite of this token if it is pending at `now` (atomically: two registrations with
   * one token get it once); null when no pending invite has this token.
   */
  claim(tokenHash: string, now: Date): Promise<Invite | null>;
  /** Records the account a claimed invite created. */
  setUsedBy(id: string, accountId: string): Promise<void>;
  /** Gives a claimed invite back (its registration failed for a reason of ours). */
  release(id: string): Promise<void>;
}

export const INVITE_STORE = Symbol('INVITE_STORE');
