/** A user as the directory keeps it (Postgres `directory.ev_users`). */
export interface StoredUser {
  user_id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  /** YYYY-MM-DD */
  signup_date: string | null;
}

/** A charger as the directory keeps it (Postgres `directory.ev_chargers`). */
export interface StoredCharger {
  charger_id: string;
  name: string;
  city: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  power_kw: number | null;
  connector_type: string | null;
}

/** Prefixes are matched case-insensitively, as text (no wildcards). */
export interface UserFilter {
  userId?: string;
  firstNamePrefix?: string;
  lastNamePrefix?: string;
  emailPrefix?: string;
}

export interface ChargerFilter {
  chargerId?: string;
  /** Whole city name, case-insensitive. */
  city?: string;
}

/** Users and chargers; lists are keyset-paged on the id, ascending. */
export interface EvDirectoryStore {
  users(filter: UserFilter, afterUserId: string | undefined, limit: number): Promise<StoredUser[]>;
  chargers(
    filter: ChargerFilter,
    afterChargerId: string | undefined,
    limit: number,
  ): Promise<StoredCharger[]>;
  hasCharger(chargerId: string): Promise<boolean>;
}

/** A charging session (ClickHouse `ev_transactions`) with its user and charger when known. */
export interface StoredTransaction {
  event_id: string;
  transaction_id: string;
  user_id: string;
  charger_id: string;
  start_ms: number;
  end_ms: number | null;
  energy_kwh: number;
  /** Exact, four decimals ('12.3400'). */
  cost: string | null;
  currency: string | null;
  user: { first_name: string; last_name: string; email: string | null } | null;
  charger: { name: string; city: string } | null;
}

/** Bounds are whole seconds since the epoch, as start_time is stored: from inclusive, to exclusive. */
export interface TransactionFilter {
  userId?: string;
  chargerId?: string;
  city?: string;
  fromS?: number;
  toS?: number;
  energyMin?: number;
  energyMax?: number;
}

/** Newest first: the keyset `(start_time, event_id)` descending. */
export interface TransactionKey {
  /** ISO-8601, whole second. */
  startTime: string;
  eventId: string;
}

/** One charger's sessions that started in `[fromS, toS)` (whole seconds since the epoch). */
export interface UsageWindow {
  chargerId: string;
  fromS: number;
  toS: number;
}

/** Sessions grouped by the hour of day and ISO weekday of their start (UTC). */
export interface StartGroup {
  hour: number;
  weekday: number;
  sessions: number;
  energy_kwh: number;
  first_s: number;
  last_s: number;
}

export interface Revenue {
  currency: string | null;
  /** Exact, four decimals. */
  amount: string;
}

/** A session with an end time: when it ran, in whole seconds since the epoch. */
export interface SessionSpan {
  start_s: number;
  end_s: number;
}

export interface UsageFacts {
  groups: StartGroup[];
  revenue: Revenue[];
  /** Sessions with an end_time, by start. */
  spans: SessionSpan[];
}

export interface EvSessionsStore {
  transactions(
    filter: TransactionFilter,
    after: TransactionKey | undefined,
    limit: number,
  ): Promise<StoredTransaction[]>;
  usage(window: UsageWindow): Promise<UsageFacts>;
  /** Whether any session ever referenced this charger. */
  hasSessions(chargerId: string): Promise<boolean>;
}

export const EV_DIRECTORY_STORE = Symbol('EV_DIRECTORY_STORE');
export const EV_SESSIONS_STORE = Symbol('EV_SESSIONS_STORE');
