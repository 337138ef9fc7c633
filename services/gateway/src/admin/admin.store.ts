import { type Role } from '../auth/account';

/** An account as an administrator sees it. */
export interface AccountRecord {
  id: string;
  email: string;
  role: Role;
  created_at: Date;
  /** When an admin disabled it; null while it is enabled. */
  disabled_at: Date | null;
  /** Keys of the account neither revoked nor expired. */
  active_api_keys: number;
}

/** Ingest per submitter and source over a window (directory.ingest_jobs). */
export interface ActivityRecord {
  submitted_by: string | null;
  /** The account's email, directly or through the API key that submitted. */
  email: string | null;
  api_key_name: string | null;
  source: string | null;
  jobs: number;
  failed_jobs: number;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  bytes: number;
  last_queued_at: Date | null;
}

/** What the admin routes read and change: accounts (gateway schema) and ingest jobs (directory). */
export interface AdminStore {
  /** Accounts oldest first, after the key `(created_at, id)`; `limit` rows at most. */
  accounts(
    after: { created_at: string; id: string } | null,
    limit: number,
  ): Promise<AccountRecord[]>;
  account(id: string): Promise<AccountRecord | null>;
  setRole(id: string, role: Role): Promise<void>;
  /** Disables (a date) or enables (null) the account. */
  setDisabled(id: string, at: Date | null): Promise<void>;
  activity(since: Date): Promise<ActivityRecord[]>;
}

export const ADMIN_STORE = Symbol('ADMIN_STORE');
