import { Inject, Injectable } from '@nestjs/common';
import { type Page } from '../http/page';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { type AlertView, type ListAlertsQuery } from './alerts.dto';
import { ALERTS_STORE, type AlertKey, type AlertsStore, type StoredAlert } from './alerts.store';

export type { Page } from '../http/page';

const isKey = (k: unknown): k is AlertKey =>
  typeof k === 'object' &&
  k !== null &&
  ['date', 'userId', 'eventId'].every(
    (field) => typeof (k as Record<string, unknown>)[field] === 'string',
  );

export function toAlertView(alert: StoredAlert): AlertView {
  return {
    alert_id: alert.event_id,
    user_id: alert.user_id,
    date: alert.date,
    usage_kwh: alert.usage_kwh,
    threshold_kwh: alert.threshold_kwh,
    excess_kwh: Math.round((alert.usage_kwh - alert.threshold_kwh) * 10_000) / 10_000,
    usage_event_id: alert.usage_event_id,
    job_id: alert.job_id === '' ? null : alert.job_id,
    raised_at: alert.raised_at.toISOString(),
  };
}

@Injectable()
export class AlertsService {
  constructor(@Inject(ALERTS_STORE) private readonly store: AlertsStore) {}

  async list(query: ListAlertsQuery): Promise<Page<AlertView>> {
    const { limit = 100, cursor, ...filters } = query;
    const after = cursor ? decodeCursor(cursor, filters, isKey) : undefined;
    const rows = await this.store.list(
      {
        ...(filters.user_id !== undefined ? { userId: filters.user_id } : {}),
        ...(filters.job_id !== undefined ? { jobId: filters.job_id } : {}),
        ...(filters.from !== undefined ? { from: filters.from } : {}),
        ...(filters.to !== undefined ? { to: filters.to } : {}),
      },
      after,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toAlertView),
      next_cursor:
        rows.length > limit && last
          ? encodeCursor({ date: last.date, userId: last.user_id, eventId: last.event_id }, filters)
          : null,
    };
  }
}
