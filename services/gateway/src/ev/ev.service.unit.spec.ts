import { ProblemException } from '../http/problem';
import { encodeCursor } from '../http/cursor';
import { type ListUsersQuery } from './ev.dto';
import { EvService } from './ev.service';
import {
  type EvDirectoryStore,
  type EvSessionsStore,
  type StartGroup,
  type StoredCharger,
  type StoredTransaction,
  type StoredUser,
  type UsageWindow,
} from './ev.store';
import { busyIntervals, hourTimeBefore, median } from './usage-analytics';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

const user = (user_id: string, first_name: string, email: string | null = null): StoredUser => ({
  user_id,
  first_name,
  last_name: 'Souza',
  email,
  phone: null,
  signup_date: null,
});
const charger = (charger_id: string, city: string): StoredCharger => ({
  charger_id,
  name: `${city} P`,
  city,
  address: null,
  latitude: null,
  longitude: null,
  power_kw: null,
  connector_type: null,
});

interface Session {
  charger: string;
  start: string;
  end: string | null;
  energy: number;
}

/** The ports over arrays, with the stores' documented semantics. */
class InMemoryDirectory implements EvDirectoryStore {
  calls: { after: string | undefined; limit: number }[] = [];
  constructor(
    readonly userRows: StoredUser[],
    readonly chargerRows: StoredCharger[],
  ) {}
  users(
    filter: Parameters<EvDirectoryStore['users']>[0],
    after: string | undefined,
    limit: number,
  ) {
    this.calls.push({ after, limit });
    const prefix = (value: string | null, p: string | undefined) =>
      p === undefined || (value ?? '').toLowerCase().startsWith(p.toLowerCase());
    return Promise.resolve(
      this.userRows
        .filter(
          (u) =>
            (filter.userId === undefined || u.user_id === filter.userId) &&
            prefix(u.first_name, filter.firstNamePrefix) &&
            prefix(u.last_name, filter.lastNamePrefix) &&
            (filter.emailPrefix === undefined || prefix(u.email, filter.emailPrefix)) &&
            (after === undefined || u.user_id > after),
        )
        .sort((a, b) => (a.user_id < b.user_id ? -1 : 1))
        .slice(0, limit),
    );
  }
  chargers(
    filter: Parameters<EvDirectoryStore['chargers']>[0],
    after: string | undefined,
    limit: number,
  ) {
    return Promise.resolve(
      this.chargerRows
        .filter(
          (c) =>
            (filter.city === undefined || c.city.toLowerCase() === filter.city.toLowerCase()) &&
            (after === undefined || c.charger_id > after),
        )
        .slice(0, limit),
    );
  }
  hasCharger(chargerId: string) {
    return Promise.resolve(this.chargerRows.some((c) => c.charger_id === chargerId));
  }
}

class InMemorySessions implements EvSessionsStore {
  windows: UsageWindow[] = [];
  constructor(readonly sessions: Session[]) {}
  transactions(): Promise<StoredTransaction[]> {
    return Promise.resolve([]);
  }
  usage(window: UsageWindow) {
    this.windows.push(window);
    const inWindow = this.sessions.filter(
      (s) =>
        s.charger === window.chargerId &&
        at(s.start) >= window.fromS * 1000 &&
        at(s.start) < window.toS * 1000,
    );
    const groups: StartGroup[] = inWindow.map((s) => {
      const start = new Date(s.start);
      return {
        hour: start.getUTCHours(),
        weekday: start.getUTCDay() === 0 ? 7 : start.getUTCDay(),
        sessions: 1,
        energy_kwh: s.energy,
        first_s: at(s.start) / 1000,
        last_s: at(s.start) / 1000,
      };
    });
    const spans = inWindow
      .filter((s) => s.end !== null)
      .map((s) => ({ start_s: at(s.start) / 1000, end_s: at(s.end!) / 1000 }));
    return Promise.resolve({ groups, revenue: [], spans });
  }
  hasSessions(chargerId: string) {
    return Promise.resolve(this.sessions.some((s) => s.charger === chargerId));
  }
}

const USERS = [
  user('u3', 'Grace', 'grace@example.com'),
  user('u1', 'Ana', 'ana@example.com'),
  user('u2', 'greta'),
  user('u4', 'Gr%ce'),
  user('u5', 'Hiro', 'grace.h@example.com'),
];

function service(sessions: Session[] = [], chargers: StoredCharger[] = []) {
  const directory = new InMemoryDirectory(USERS, chargers);
  const store = new InMemorySessions(sessions);
  return { ev: new EvService(directory, store), directory, store };
}

describe('EvService.users', () => {
  it('walks every page once, in user id order, asking for one row more than the page', async () => {
    const { ev, directory } = service();
    const first = await ev.users({ limit: 2 });
    expect(first.items.map((u) => u.user_id)).toEqual(['u1', 'u2']);
    const second = await ev.users({ limit: 2, cursor: first.next_cursor! });
    expect(second.items.map((u) => u.user_id)).toEqual(['u3', 'u4']);
    const third = await ev.users({ limit: 2, cursor: second.next_cursor! });
    expect(third).toEqual({ items: [USERS[4]], next_cursor: null });
    expect(directory.calls).toEqual([
      { after: undefined, limit: 3 },
      { after: 'u2', limit: 3 },
      { after: 'u4', limit: 3 },
    ]);
  });

  it('passes each filter to its column', async () => {
    const { ev } = service();
    const ids = async (query: ListUsersQuery) =>
      (await ev.users(query)).items.map((u) => u.user_id);
    expect(await ids({ first_name: 'GR' })).toEqual(['u2', 'u3', 'u4']);
    expect(await ids({ email: 'grace' })).toEqual(['u3', 'u5']);
    expect(await ids({ user_id: 'u5' })).toEqual(['u5']);
    expect(await ids({ last_name: 'x' })).toEqual([]);
  });

  it('refuses a cursor issued for other filters', async () => {
    const { ev } = service();
    const page = await ev.users({ first_name: 'g', limit: 1 });
    await expect(ev.users({ first_name: 'h', cursor: page.next_cursor! })).rejects.toThrow(
      ProblemException,
    );
    await expect(ev.users({ cursor: 'not-a-cursor' })).rejects.toThrow(ProblemException);
  });
});

describe('EvService.transactions', () => {
  it('refuses a hand-made cursor whose key no query could use', async () => {
    const { ev } = service();
    const filters = { user_id: 'u1' };
    for (const key of [
      { startTime: '3000-01-01T00:00:00Z', eventId: 'e1' },
      { startTime: 'yesterday', eventId: 'e1' },
      { startTime: '2031-03-03T00:00:00Z', eventId: '\ud800' },
      { startTime: '2031-03-03T00:00:00Z' },
    ])
      await expect(
        ev.transactions({ ...filters, cursor: encodeCursor(key, filters) }),
      ).rejects.toMatchObject({ slug: 'validation-failed' });
    await expect(
      ev.transactions({
        ...filters,
        cursor: encodeCursor({ startTime: '2031-03-03T00:00:00Z', eventId: 'e1' }, filters),
      }),
    ).resolves.toEqual({ items: [], next_cursor: null });
  });
});

describe('EvService.chargers', () => {
  it('pages by charger id with the city filter', async () => {
    const chargers = [charger('c1', 'Kraków'), charger('c2', 'Lyon'), charger('c3', 'kraków')];
    const { ev } = service([], chargers);
    const first = await ev.chargers({ city: 'KRAKÓW', limit: 1 });
    expect(first.items).toEqual([chargers[0]]);
    const second = await ev.chargers({ city: 'KRAKÓW', limit: 1, cursor: first.next_cursor! });
    expect(second).toEqual({ items: [chargers[2]], next_cursor: null });
  });
});

describe('EvService.usageAnalytics', () => {
  const day = { from: '2031-03-03T00:00:00Z', to: '2031-03-04T00:00:00Z' };

  it('answers 404 for a charger neither in the directory nor in any session', async () => {
    const { ev } = service([
      { charger: 'c9', start: '2031-01-01T00:00:00Z', end: null, energy: 1 },
    ]);
    await expect(ev.usageAnalytics('c1', day)).rejects.toMatchObject({ slug: 'not-found' });
    // Known from a session outside the window: an empty answer, not a 404.
    await expect(ev.usageAnalytics('c9', day)).resolves.toMatchObject({ sessions: 0 });
  });

  it('gives zeros for a directory charger without sessions', async () => {
    const { ev } = service([], [charger('c1', 'Lyon')]);
    const result = await ev.usageAnalytics('c1', day);
    expect(result).toMatchObject({
      charger_id: 'c1',
      from: '2031-03-03T00:00:00.000Z',
      to: '2031-03-04T00:00:00.000Z',
      sessions: 0,
      energy_kwh: 0,
      revenue: [],
      duration_minutes: { sessions: 0, average: null, median: null },
      first_session_at: null,
      last_session_at: null,
    });
    expect(result.by_hour_of_day).toHaveLength(24);
    expect(result.by_hour_of_day[23]).toEqual({
      hour: 23,
      sessions: 0,
      energy_kwh: 0,
      busy_minutes: 0,
      utilisation: 0,
    });
    expect(result.by_weekday.map((w) => w.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('splits busy time across hours, counts overlaps once, and clips at the window end', async () => {
    const { ev } = service([
      // 08:05–09:20 and 08:40–09:00 overlap: busy 08:05–09:20 once.
      { charger: 'c1', start: '2031-03-03T08:05:00Z', end: '2031-03-03T09:20:00Z', energy: 40.5 },
      { charger: 'c1', start: '2031-03-03T08:40:00Z', end: '2031-03-03T09:00:00Z', energy: 20.8 },
      // Runs past the window's end (next midnight): counted up to it.
      { charger: 'c1', start: '2031-03-03T23:30:00Z', end: '2031-03-04T01:00:00Z', energy: 10 },
      // Still running: a session, not a duration.
      { charger: 'c1', start: '2031-03-03T12:00:00Z', end: null, energy: 5 },
      // Another charger.
      { charger: 'c2', start: '2031-03-03T08:00:00Z', end: '2031-03-03T09:00:00Z', energy: 1 },
    ]);
    const result = await ev.usageAnalytics('c1', day);
    expect(result.sessions).toBe(4);
    expect(result.energy_kwh).toBe(76.3);
    // 75, 20 and 90 minutes.
    expect(result.duration_minutes).toEqual({
      sessions: 3,
      average: Math.round(((75 + 20 + 90) / 3) * 10_000) / 10_000,
      median: 75,
    });
    const hour = (h: number) => result.by_hour_of_day[h]!;
    expect(hour(8)).toEqual({
      hour: 8,
      sessions: 2,
      energy_kwh: 61.3,
      busy_minutes: 55,
      utilisation: 0.9167,
    });
    expect(hour(9)).toMatchObject({ sessions: 0, busy_minutes: 20, utilisation: 0.3333 });
    expect(hour(23)).toMatchObject({ sessions: 1, busy_minutes: 30, utilisation: 0.5 });
    expect(hour(0)).toMatchObject({ busy_minutes: 0, utilisation: 0 });
    expect(hour(12)).toMatchObject({ sessions: 1, busy_minutes: 0 });
    expect(result.by_weekday[0]).toEqual({ weekday: 1, sessions: 4, energy_kwh: 76.3 });
    expect(result.first_session_at).toBe('2031-03-03T08:05:00.000Z');
    expect(result.last_session_at).toBe('2031-03-03T23:30:00.000Z');
  });

  it('measures utilisation against the hours the window holds', async () => {
    const { ev } = service([
      { charger: 'c1', start: '2031-03-03T10:00:00Z', end: '2031-03-03T10:30:00Z', energy: 1 },
      { charger: 'c1', start: '2031-03-04T10:15:00Z', end: '2031-03-04T10:45:00Z', energy: 1 },
    ]);
    // 10:20 on day 1 to 10:40 on day 3: hour 10 is in the window for 40 + 60 + 40 minutes.
    const result = await ev.usageAnalytics('c1', {
      from: '2031-03-02T10:20:00Z',
      to: '2031-03-04T10:40:00Z',
    });
    expect(result.by_hour_of_day[10]).toMatchObject({
      sessions: 2,
      busy_minutes: 55,
      utilisation: Math.round((55 / 140) * 10_000) / 10_000,
    });
    // A window of half an hour holds none of hour 3.
    const short = await ev.usageAnalytics('c1', {
      from: '2031-03-03T10:00:00Z',
      to: '2031-03-03T10:30:00Z',
    });
    expect(short.by_hour_of_day[3]!.utilisation).toBeNull();
    expect(short.by_hour_of_day[10]!.utilisation).toBe(1);
  });

  it('reads fractions of a second as the next whole second, start times being whole seconds', async () => {
    const { ev, store } = service([], [charger('c1', 'Lyon')]);
    await ev.usageAnalytics('c1', {
      from: '2031-03-03T00:00:00.001Z',
      to: '2031-03-03T00:00:01.5Z',
    });
    expect(store.windows).toEqual([
      {
        chargerId: 'c1',
        fromS: at('2031-03-03T00:00:01Z') / 1000,
        toS: at('2031-03-03T00:00:02Z') / 1000,
      },
    ]);
  });
});

describe('usage analytics arithmetic', () => {
  it('counts the time of an hour of day before an instant', () => {
    expect(hourTimeBefore(0, 0)).toBe(0);
    expect(hourTimeBefore(at('1970-01-01T00:30:00Z'), 0)).toBe(HOUR / 2);
    expect(hourTimeBefore(at('1970-01-01T00:30:00Z'), 1)).toBe(0);
    expect(hourTimeBefore(at('1970-01-03T05:10:00Z'), 5)).toBe(2 * HOUR + HOUR / 6);
    expect(hourTimeBefore(at('1970-01-03T05:10:00Z'), 23)).toBe(2 * HOUR);
  });

  it('merges overlapping and touching sessions, dropping empty ones', () => {
    expect(
      busyIntervals(
        [
          { start_s: 100, end_s: 200 },
          { start_s: 0, end_s: 50 },
          { start_s: 150, end_s: 300 },
          { start_s: 300, end_s: 400 },
          { start_s: 500, end_s: 450 },
          { start_s: 600, end_s: 900 },
        ],
        700_000,
      ),
    ).toEqual([
      [0, 50_000],
      [100_000, 400_000],
      [600_000, 700_000],
    ]);
  });

  it('takes the middle, or the mean of the two middles', () => {
    expect(median([])).toBeNull();
    expect(median([1, 2, 9])).toBe(2);
    expect(median([1, 2, 4, 9])).toBe(3);
  });
});
