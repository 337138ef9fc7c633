import { Inject, Injectable } from '@nestjs/common';
import { type Page } from '../http/page';
import { ProblemException } from '../http/problem';
import { cursorKey, pageOf, stringKey } from '../http/query-params';
import {
  type ChargerView,
  type ListChargersQuery,
  type ListTransactionsQuery,
  type ListUsersQuery,
  type TransactionView,
  type UsageAnalytics,
  type UsageAnalyticsQuery,
  type UserView,
} from './ev.dto';
import {
  EV_DIRECTORY_STORE,
  EV_SESSIONS_STORE,
  type EvDirectoryStore,
  type EvSessionsStore,
  type StoredTransaction,
  type TransactionKey,
} from './ev.store';
import { summarise } from './usage-analytics';

/**
 * start_time is kept to the second, so "at or after" / "before" an instant with a fraction of a
 * second means at or after / before the next whole second.
 */
const secondsFrom = (instant: string): number => Math.ceil(Date.parse(instant) / 1000);

const isUserKey = stringKey<{ userId: string }>('userId');
const isChargerKey = stringKey<{ chargerId: string }>('chargerId');
/** A cursor is opaque, not signed: one edited by hand must still make a valid query, or a 400. */
const isTransactionKey = (k: unknown): k is TransactionKey => {
  if (!stringKey<TransactionKey>('startTime', 'eventId')(k)) return false;
  const ms = Date.parse(k.startTime);
  return ms >= 0 && ms < Date.UTC(2106, 0, 1) && k.eventId.isWellFormed();
};

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function toTransactionView(t: StoredTransaction): TransactionView {
  return {
    event_id: t.event_id,
    transaction_id: t.transaction_id,
    user_id: t.user_id,
    charger_id: t.charger_id,
    start_time: new Date(t.start_ms).toISOString(),
    end_time: t.end_ms === null ? null : new Date(t.end_ms).toISOString(),
    energy_kwh: t.energy_kwh,
    cost: t.cost,
    currency: t.currency,
    user: t.user,
    charger: t.charger,
  };
}

@Injectable()
export class EvService {
  constructor(
    @Inject(EV_DIRECTORY_STORE) private readonly directory: EvDirectoryStore,
    @Inject(EV_SESSIONS_STORE) private readonly sessions: EvSessionsStore,
  ) {}

  async users(query: ListUsersQuery): Promise<Page<UserView>> {
    const { limit = 100, cursor, ...filters } = query;
    const after = cursorKey(cursor, filters, isUserKey);
    const rows = await this.directory.users(
      defined({
        userId: filters.user_id,
        firstNamePrefix: filters.first_name,
        lastNamePrefix: filters.last_name,
        emailPrefix: filters.email,
      }),
      after?.userId,
      limit + 1,
    );
    return pageOf(
      rows,
      limit,
      filters,
      (u) => ({ userId: u.user_id }),
      (u) => ({ ...u }),
    );
  }

  async chargers(query: ListChargersQuery): Promise<Page<ChargerView>> {
    const { limit = 100, cursor, ...filters } = query;
    const after = cursorKey(cursor, filters, isChargerKey);
    const rows = await this.directory.chargers(
      defined({ chargerId: filters.charger_id, city: filters.city }),
      after?.chargerId,
      limit + 1,
    );
    return pageOf(
      rows,
      limit,
      filters,
      (c) => ({ chargerId: c.charger_id }),
      (c) => ({ ...c }),
    );
  }

  async transactions(query: ListTransactionsQuery): Promise<Page<TransactionView>> {
    const { limit = 100, cursor, ...filters } = query;
    const after = cursorKey(cursor, filters, isTransactionKey);
    const rows = await this.sessions.transactions(
      defined({
        userId: filters.user_id,
        chargerId: filters.charger_id,
        city: filters.city,
        fromS: filters.from === undefined ? undefined : secondsFrom(filters.from),
        toS: filters.to === undefined ? undefined : secondsFrom(filters.to),
        energyMin: filters.energy_min,
        energyMax: filters.energy_max,
      }),
      after,
      limit + 1,
    );
    return pageOf(
      rows,
      limit,
      filters,
      (t): TransactionKey => ({
        startTime: new Date(t.start_ms).toISOString(),
        eventId: t.event_id,
      }),
      toTransactionView,
    );
  }

  async usageAnalytics(chargerId: string, query: UsageAnalyticsQuery): Promise<UsageAnalytics> {
    const [fromMs, toMs] = [Date.parse(query.from), Date.parse(query.to)];
    const facts = await this.sessions.usage({
      chargerId,
      fromS: secondsFrom(query.from),
      toS: secondsFrom(query.to),
    });
    if (
      facts.groups.length === 0 &&
      !(await this.directory.hasCharger(chargerId)) &&
      !(await this.sessions.hasSessions(chargerId))
    )
      throw new ProblemException(
        'not-found',
        `no charger ${JSON.stringify(chargerId)}: it is neither in the directory nor in any session`,
      );
    const summary = summarise(facts.groups, facts.spans, fromMs, toMs);
    return {
      charger_id: chargerId,
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      sessions: summary.sessions,
      energy_kwh: summary.energy_kwh,
      revenue: facts.revenue,
      duration_minutes: summary.duration_minutes,
      by_hour_of_day: summary.by_hour_of_day,
      by_weekday: summary.by_weekday,
      first_session_at: summary.first_session_at,
      last_session_at: summary.last_session_at,
    };
  }
}
