/** An alert as stored (analytics-projector's `energy_alerts`). */
export interface StoredAlert {
  event_id: string;
  user_id: string;
  date: string;
  usage_kwh: number;
  threshold_kwh: number;
  usage_event_id: string;
  job_id: string;
  raised_at: Date;
}

export interface AlertFilter {
  userId?: string;
  jobId?: string;
  from?: string;
  to?: string;
}

/** Newest day first, then user and alert: the keyset `(date, user_id, event_id)` descending. */
export interface AlertKey {
  date: string;
  userId: string;
  eventId: string;
}

export interface AlertsStore {
  list(filter: AlertFilter, after: AlertKey | undefined, limit: number): Promise<StoredAlert[]>;
}

export const ALERTS_STORE = Symbol('ALERTS_STORE');
