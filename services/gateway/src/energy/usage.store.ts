export type Granularity = 'day' | 'month';

/** Usage of one user over one period, summed from the `energy_usage` rows of its days. */
export interface StoredUsage {
  user_id: string;
  /** `2031-03-03` for a day, `2031-03` for a month. */
  period: string;
  usage_kwh: number;
  records: number;
}

export interface UsageFilter {
  granularity: Granularity;
  userId?: string;
  /** Inclusive day. */
  from?: string;
  /** Exclusive day. */
  to?: string;
}

/** `(user_id, period)` ascending; the period as the API shows it. */
export interface UsageKey {
  userId: string;
  period: string;
}

export interface UsageStore {
  list(filter: UsageFilter, after: UsageKey | undefined, limit: number): Promise<StoredUsage[]>;
}

export const USAGE_STORE = Symbol('USAGE_STORE');
