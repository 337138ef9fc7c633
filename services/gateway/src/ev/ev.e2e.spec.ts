import { type Row } from '@tributary/testing';
import { datasetApiBed, START } from '../testing/dataset-api.test-bed';
import {
  type ChargerView,
  type TransactionView,
  type UsageAnalytics,
  type UserView,
} from './ev.dto';

jest.setTimeout(120_000);

const MINUTE = 60_000;
const DAY = 86_400_000;
const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
/** Sums values of at most 2 decimals exactly, in hundredths. */
const hundredths = (values: number[]) => values.reduce((sum, v) => sum + Math.round(v * 100), 0);
const iso = (text: string) => new Date(text).toISOString();
const q = encodeURIComponent;

interface Problem {
  type: string;
  status: number;
  errors?: { path: string; message: string }[];
}

describe('EV query API (generated data through the real pipeline)', () => {
  // At this rate seed 6 plants every kind of anomaly in the transactions (checked below).
  const bed = datasetApiBed('ev-e2e', {
    datasets: ['ev.users', 'ev.chargers', 'ev.transactions'],
    anomalyRate: 0.2,
  });

  const users = () => bed.rows['ev.users'];
  const chargers = () => bed.rows['ev.chargers'];
  /** The rows file-ingest accepted: all but those whose start_time cannot be read. */
  const acceptedTransactions = (): Row[] => {
    const rejected = new Set(
      bed.anomalies
        .filter((a) => a.dataset === 'ev.transactions' && a.kind === 'unparseable_date')
        .map((a) => a.row),
    );
    return bed.rows['ev.transactions'].filter((_, i) => !rejected.has(i + 1));
  };

  const userView = (u: Row): UserView => ({
    user_id: u['user_id'] as string,
    first_name: u['first_name'] as string,
    last_name: u['last_name'] as string,
    email: u['email'] as string,
    phone: u['phone'] as string,
    signup_date: u['signup_date'] as string,
  });
  const chargerView = (c: Row): ChargerView => ({
    charger_id: c['charger_id'] as string,
    name: c['name'] as string,
    city: c['city'] as string,
    address: c['address'] as string,
    latitude: c['latitude'] as number,
    longitude: c['longitude'] as number,
    power_kw: c['power_kw'] as number,
    connector_type: c['connector_type'] as string,
  });
  /** A transaction as the API should show it, but for its event id (derived by file-ingest). */
  const transactionView = (t: Row): Omit<TransactionView, 'event_id'> => {
    const user = users().find((u) => u['user_id'] === t['user_id']);
    const charger = chargers().find((c) => c['charger_id'] === t['charger_id']);
    return {
      transaction_id: t['transaction_id'] as string,
      user_id: t['user_id'] as string,
      charger_id: t['charger_id'] as string,
      start_time: iso(t['start_time'] as string),
      end_time: t['end_time'] === null ? null : iso(t['end_time'] as string),
      energy_kwh: t['energy_kwh'] as number,
      cost: (t['cost'] as number).toFixed(4),
      currency: t['currency'] as string,
      user: user
        ? {
            first_name: user['first_name'] as string,
            last_name: user['last_name'] as string,
            email: user['email'] as string,
          }
        : null,
      charger: charger
        ? { name: charger['name'] as string, city: charger['city'] as string }
        : null,
    };
  };
  const withoutEventId = ({ event_id: _, ...rest }: TransactionView) => rest;
  const byContent = (a: object, b: object) =>
    JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0;
  /** The same multiset of transactions, whatever the order of equal start times. */
  const sameTransactions = (items: TransactionView[], rows: Row[]) =>
    expect(items.map(withoutEventId).sort(byContent)).toEqual(
      rows.map(transactionView).sort(byContent),
    );
  const newestFirst = (items: TransactionView[]) => {
    for (let i = 1; i < items.length; i++)
      expect(items[i]!.start_time <= items[i - 1]!.start_time).toBe(true);
  };

  const ourUsers = async (query = '') =>
    (await bed.all<UserView>(`/v1/ev/users${query}`)).filter((u) => bed.ours(u.user_id));
  const ourChargers = async (query = '') =>
    (await bed.all<ChargerView>(`/v1/ev/chargers${query}`)).filter((c) => bed.ours(c.charger_id));
  const ourTransactions = async (query = '') =>
    (await bed.all<TransactionView>(`/v1/ev/transactions${query}`)).filter((t) =>
      bed.ours(t.transaction_id),
    );
  const expectInvalid = async (path: string, parameter: string) => {
    const { status, body } = await bed.get<Problem>(path);
    expect({ status, type: body.type }).toEqual({
      status: 400,
      type: '/problems/validation-failed',
    });
    expect(body.errors?.map((e) => e.path)).toContain(parameter);
  };

  it('has rejected, duplicate, orphan and negative sessions to show', () => {
    const kinds = new Set(
      bed.anomalies.filter((a) => a.dataset === 'ev.transactions').map((a) => a.kind),
    );
    expect([...kinds].sort()).toEqual(['duplicate', 'negative', 'orphan', 'unparseable_date']);
    expect(bed.jobs.get('ev.transactions')!.rows.rejected).toBe(
      bed.rows['ev.transactions'].length - acceptedTransactions().length,
    );
  });

  it('documents every route with its parameters, an example and its problems', async () => {
    const { body } = await bed.get<{
      paths: Record<
        string,
        {
          get: {
            parameters: { name: string; in: string }[];
            responses: Record<string, { content: Record<string, { example?: unknown }> }>;
          };
        }
      >;
    }>('/docs-json');
    const routes = {
      '/v1/ev/users': ['user_id', 'first_name', 'last_name', 'email', 'limit', 'cursor'],
      '/v1/ev/chargers': ['charger_id', 'city', 'limit', 'cursor'],
      '/v1/ev/chargers/{id}/usage-analytics': ['id', 'from', 'to'],
      '/v1/ev/transactions': [
        'user_id',
        'charger_id',
        'city',
        'from',
        'to',
        'energy_min',
        'energy_max',
        'limit',
        'cursor',
      ],
    };
    for (const [path, parameters] of Object.entries(routes)) {
      const { get } = body.paths[path]!;
      expect(get.parameters.map((p) => p.name).sort()).toEqual([...parameters].sort());
      expect(get.responses['200']!.content['application/json']!.example).toBeDefined();
      expect(Object.keys(get.responses)).toEqual(
        expect.arrayContaining(['200', '400', '401', '403', '429']),
      );
    }
    expect(
      Object.keys(body.paths['/v1/ev/chargers/{id}/usage-analytics']!.get.responses),
    ).toContain('404');
  });

  describe('GET /v1/ev/users', () => {
    it('lists every user once, by user id', async () => {
      expect(await ourUsers('?limit=7')).toEqual(users().map(userView));
    });

    it.each([
      ['first_name', (u: Row) => (u['first_name'] as string).slice(0, 2).toLowerCase()],
      ['first_name', (u: Row) => (u['first_name'] as string).slice(0, 3).toUpperCase()],
      ['last_name', (u: Row) => (u['last_name'] as string).slice(0, 2).toLowerCase()],
      ['email', (u: Row) => (u['email'] as string).split('.')[0]!.toUpperCase()],
    ])('filters %s by prefix, case-insensitively', async (column, prefixOf) => {
      // Postgres lowers ASCII letters whatever its locale: pick a user whose prefix is ASCII.
      const prefix = users()
        .map(prefixOf)
        .find((p) => /^[\x20-\x7e]+$/.test(p))!;
      const expected = users().filter((u) =>
        (u[column] as string).toLowerCase().startsWith(prefix.toLowerCase()),
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(await ourUsers(`?${column}=${q(prefix)}`)).toEqual(expected.map(userView));
    });

    it('filters by user id exactly', async () => {
      const user = users()[3]!;
      const { body } = await bed.get<{ items: UserView[] }>(
        `/v1/ev/users?user_id=${q(user['user_id'] as string)}`,
      );
      expect(body.items).toEqual([userView(user)]);
      const { body: none } = await bed.get<{ items: UserView[] }>(
        `/v1/ev/users?user_id=${q((user['user_id'] as string).slice(0, -1))}`,
      );
      expect(none.items).toEqual([]);
    });

    it('reads hostile values as plain text', async () => {
      const withQuote = users().filter((u) => (u['first_name'] as string).startsWith("O'"));
      expect(await ourUsers(`?first_name=${q("o'")}`)).toEqual(withQuote.map(userView));
      for (const value of ["'", '\\', '%', '_', '%%', 'a_', '🔌', "'; DROP TABLE x; --", '\u0000'])
        for (const column of ['first_name', 'last_name', 'email', 'user_id']) {
          const { status, body } = await bed.get<{ items: UserView[] }>(
            `/v1/ev/users?${column}=${q(value)}`,
          );
          expect({
            column,
            value,
            status,
            items: body.items.filter((u) => bed.ours(u.user_id)),
          }).toEqual({ column, value, status: 200, items: [] });
        }
    });

    it('answers 400 for a value too long, an unknown parameter or a bad cursor', async () => {
      await expectInvalid(`/v1/ev/users?first_name=${'a'.repeat(10_000)}`, 'first_name');
      await expectInvalid('/v1/ev/users?nickname=x', 'nickname');
      await expectInvalid('/v1/ev/users?limit=0', 'limit');
      await expectInvalid('/v1/ev/users?cursor=abc', 'cursor');
      const { body } = await bed.get<{ next_cursor: string }>('/v1/ev/users?limit=1');
      await expectInvalid(`/v1/ev/users?first_name=a&cursor=${q(body.next_cursor)}`, 'cursor');
    });
  });

  describe('GET /v1/ev/chargers', () => {
    it('lists every charger once, by charger id', async () => {
      expect(await ourChargers('?limit=3')).toEqual(chargers().map(chargerView));
    });

    it('filters by city, case-insensitively, whole name only', async () => {
      const city = chargers()[0]!['city'] as string;
      const expected = chargers()
        .filter((c) => c['city'] === city)
        .map(chargerView);
      expect(await ourChargers(`?city=${q(city.toLowerCase())}`)).toEqual(expected);
      const ascii = chargers().find((c) => /^[A-Za-z]+$/.test(c['city'] as string))!;
      expect(await ourChargers(`?city=${q((ascii['city'] as string).toUpperCase())}`)).toEqual(
        chargers()
          .filter((c) => c['city'] === ascii['city'])
          .map(chargerView),
      );
      expect(await ourChargers(`?city=${q(city.slice(0, 2))}`)).toEqual([]);
      const charger = chargers()[1]!;
      expect(await ourChargers(`?charger_id=${q(charger['charger_id'] as string)}`)).toEqual([
        chargerView(charger),
      ]);
      for (const value of ["'", '\\', '%', '_', '🔌'])
        expect(await ourChargers(`?city=${q(value)}`)).toEqual([]);
      await expectInvalid(`/v1/ev/chargers?city=${'x'.repeat(10_000)}`, 'city');
    });
  });

  describe('GET /v1/ev/chargers/{id}/usage-analytics', () => {
    /** The analytics computed minute by minute from the generated rows (sessions are whole minutes). */
    function expectedAnalytics(chargerId: string, fromMs: number, toMs: number) {
      const sessions = acceptedTransactions().filter((t) => {
        const start = Date.parse(t['start_time'] as string);
        return t['charger_id'] === chargerId && start >= fromMs && start < toMs;
      });
      const startOf = (t: Row) => new Date(t['start_time'] as string);
      const busy = new Set<number>();
      for (const t of sessions) {
        const end = Math.min(Date.parse(t['end_time'] as string), toMs);
        for (let m = startOf(t).getTime(); m < end; m += MINUTE) busy.add(m);
      }
      const durations = sessions
        .map((t) => (Date.parse(t['end_time'] as string) - startOf(t).getTime()) / MINUTE)
        .sort((a, b) => a - b);
      const middle = durations.length / 2;
      const hour = (h: number) => {
        const started = sessions.filter((t) => startOf(t).getUTCHours() === h);
        let available = 0;
        for (let m = fromMs; m < toMs; m += MINUTE)
          if (new Date(m).getUTCHours() === h) available++;
        const busyMinutes = [...busy].filter((m) => new Date(m).getUTCHours() === h).length;
        return {
          hour: h,
          sessions: started.length,
          energy_kwh: hundredths(started.map((t) => t['energy_kwh'] as number)) / 100,
          busy_minutes: busyMinutes,
          utilisation: available === 0 ? null : round4(busyMinutes / available),
        };
      };
      const weekday = (d: number) => {
        const started = sessions.filter((t) => (startOf(t).getUTCDay() || 7) === d);
        return {
          weekday: d,
          sessions: started.length,
          energy_kwh: hundredths(started.map((t) => t['energy_kwh'] as number)) / 100,
        };
      };
      const starts = sessions.map((t) => startOf(t).toISOString()).sort();
      return {
        charger_id: chargerId,
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        sessions: sessions.length,
        energy_kwh: hundredths(sessions.map((t) => t['energy_kwh'] as number)) / 100,
        revenue: [
          {
            currency: 'EUR',
            amount: (hundredths(sessions.map((t) => t['cost'] as number)) / 100).toFixed(4),
          },
        ],
        duration_minutes: {
          sessions: durations.length,
          average: round4(durations.reduce((s, d) => s + d, 0) / durations.length),
          median:
            durations.length % 2 === 1
              ? durations[Math.floor(middle)]
              : (durations[middle - 1]! + durations[middle]!) / 2,
        },
        by_hour_of_day: Array.from({ length: 24 }, (_, h) => hour(h)),
        by_weekday: Array.from({ length: 7 }, (_, d) => weekday(d + 1)),
        first_session_at: starts[0],
        last_session_at: starts.at(-1),
      };
    }

    it('equals the analytics computed from the generated rows for the two busiest chargers', async () => {
      const counts = new Map<string, number>();
      for (const t of acceptedTransactions())
        counts.set(t['charger_id'] as string, (counts.get(t['charger_id'] as string) ?? 0) + 1);
      const busiest = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 2);
      // A window cutting sessions at both ends, and one holding them all.
      const start = Date.parse(`${START}T00:00:00Z`);
      for (const [fromMs, toMs] of [
        [start + 3 * DAY + 7 * 3_600_000, start + 20 * DAY + 15 * 3_600_000 + 30 * MINUTE],
        [start, start + 31 * DAY],
      ] as const)
        for (const [chargerId] of busiest) {
          const { status, body } = await bed.get<UsageAnalytics>(
            `/v1/ev/chargers/${q(chargerId)}/usage-analytics?from=${q(new Date(fromMs).toISOString())}&to=${q(new Date(toMs).toISOString())}`,
          );
          expect(status).toBe(200);
          expect(body).toEqual(expectedAnalytics(chargerId, fromMs, toMs));
        }
    });

    it('answers 404 for an unknown charger and 400 for a bad window', async () => {
      const window = `from=${START}T00:00:00Z&to=2031-04-03T00:00:00Z`;
      const { status, body } = await bed.get<Problem>(
        `/v1/ev/chargers/${q(`${bed.prefix}ch-none`)}/usage-analytics?${window}`,
      );
      expect({ status, type: body.type }).toEqual({ status: 404, type: '/problems/not-found' });
      const charger = q(chargers()[0]!['charger_id'] as string);
      await expectInvalid(`/v1/ev/chargers/${charger}/usage-analytics?from=${START}`, 'from');
      await expectInvalid(
        `/v1/ev/chargers/${charger}/usage-analytics?from=2031-04-03T00:00:00Z&to=${START}T00:00:00Z`,
        'to',
      );
      await expectInvalid(`/v1/ev/chargers/${charger}/usage-analytics?${window}&x=1`, 'x');
    });
  });

  describe('GET /v1/ev/transactions', () => {
    it('lists every accepted session once with its user and charger, newest first', async () => {
      const items = await ourTransactions('?limit=7');
      newestFirst(items);
      expect(new Set(items.map((t) => t.event_id)).size).toBe(items.length);
      sameTransactions(items, acceptedTransactions());
      // Orphan references show as null, never as an empty user.
      const orphans = acceptedTransactions().filter(
        (t) => !users().some((u) => u['user_id'] === t['user_id']),
      );
      expect(orphans.length).toBeGreaterThan(0);
      expect(items.filter((t) => t.user === null)).toHaveLength(orphans.length);
    });

    it('filters by user, charger, city, start and energy', async () => {
      const rows = acceptedTransactions();
      const some = rows[5]!;
      const city = chargers().find((c) => c['charger_id'] === some['charger_id'])![
        'city'
      ] as string;
      const cityChargers = chargers()
        .filter((c) => c['city'] === city)
        .map((c) => c['charger_id']);
      const from = Date.parse(`${START}T00:00:00Z`) + 5 * DAY + 30 * MINUTE;
      const to = from + 9 * DAY;
      const cases: [string, (t: Row) => boolean][] = [
        [`user_id=${q(some['user_id'] as string)}`, (t) => t['user_id'] === some['user_id']],
        [
          `charger_id=${q(some['charger_id'] as string)}`,
          (t) => t['charger_id'] === some['charger_id'],
        ],
        [`city=${q(city.toUpperCase())}`, (t) => cityChargers.includes(t['charger_id'])],
        [
          `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`,
          (t) =>
            Date.parse(t['start_time'] as string) >= from &&
            Date.parse(t['start_time'] as string) < to,
        ],
        [
          'energy_min=20&energy_max=40.5',
          (t) => (t['energy_kwh'] as number) >= 20 && (t['energy_kwh'] as number) <= 40.5,
        ],
        ['energy_max=0', (t) => (t['energy_kwh'] as number) <= 0],
      ];
      for (const [query, keep] of cases) {
        const items = await ourTransactions(`?${query}&limit=7`);
        newestFirst(items);
        sameTransactions(items, rows.filter(keep));
      }
    });

    it('reads hostile values as plain text and refuses invalid ones with a clean 400', async () => {
      for (const value of ["'", '\\', '%', '_', '🔌', "x' OR '1'='1", '\u0000'])
        for (const column of ['user_id', 'charger_id', 'city']) {
          const { status, body } = await bed.get<{ items: TransactionView[] }>(
            `/v1/ev/transactions?${column}=${q(value)}`,
          );
          expect({
            column,
            value,
            status,
            items: body.items.filter((t) => bed.ours(t.transaction_id)),
          }).toEqual({ column, value, status: 200, items: [] });
        }
      await expectInvalid(`/v1/ev/transactions?user_id=${'u'.repeat(10_000)}`, 'user_id');
      await expectInvalid('/v1/ev/transactions?energy_min=1e400', 'energy_min');
      await expectInvalid('/v1/ev/transactions?energy_max=NaN', 'energy_max');
      await expectInvalid('/v1/ev/transactions?energy_min=5&energy_max=1', 'energy_max');
      await expectInvalid('/v1/ev/transactions?from=yesterday', 'from');
      await expectInvalid('/v1/ev/transactions?sort=cost', 'sort');
    });

    it('walks every page once while new sessions arrive, and all of them afterwards', async () => {
      const before = acceptedTransactions();
      // Around where the walk is when they arrive (other suites' rows share the window, so where
      // that is depends on them): half older, half newer.
      let late: Row[] = [];
      const lateAround = (cutoffMs: number): Row[] =>
        Array.from({ length: 12 }, (_, i) => {
          const begin = cutoffMs + (i - 6) * 3_600_000 + 17 * MINUTE;
          return {
            transaction_id: `${bed.prefix}tx-late-${i}`,
            user_id: users()[i % users().length]!['user_id']!,
            charger_id: chargers()[i % chargers().length]!['charger_id']!,
            start_time: new Date(begin).toISOString().replace('.000Z', 'Z'),
            end_time: new Date(begin + 40 * MINUTE).toISOString().replace('.000Z', 'Z'),
            energy_kwh: 11.5 + i,
            cost: Math.round((11.5 + i) * 45) / 100,
            currency: 'EUR',
          };
        });
      const window = `from=${START}T00:00:00Z&to=2031-04-10T00:00:00Z&limit=7`;
      const seen: TransactionView[] = [];
      let cursor: string | null = null;
      let cutoff: string | undefined;
      do {
        const response: {
          status: number;
          body: { items: TransactionView[]; next_cursor: string | null };
        } = await bed.get(`/v1/ev/transactions?${window}${cursor ? `&cursor=${q(cursor)}` : ''}`);
        expect(response.status).toBe(200);
        seen.push(...response.body.items);
        cursor = response.body.next_cursor;
        // After two pages the new sessions land (the upload waits until they are queryable).
        if (cutoff === undefined && seen.length >= 14 && cursor) {
          cutoff = seen.at(-1)!.start_time;
          late = lateAround(Date.parse(cutoff));
          await bed.ingest('ev.transactions', late, 'ev.transactions-late.csv');
        }
      } while (cursor);
      expect(cutoff).toBeDefined();
      const ours = seen.filter((t) => bed.ours(t.transaction_id));
      expect(new Set(ours.map((t) => t.event_id)).size).toBe(ours.length);
      newestFirst(ours);
      // Every session there before the walk shows once; a new one shows once when it is older
      // than where the walk was when it arrived, and not at all when newer (behind the cursor).
      const lateIds = new Set(late.map((t) => t['transaction_id']));
      sameTransactions(
        ours.filter((t) => !lateIds.has(t.transaction_id)),
        before,
      );
      const lateStart = (t: Row) => iso(t['start_time'] as string);
      const lateSeen = ours.filter((t) => lateIds.has(t.transaction_id));
      sameTransactions(
        lateSeen.filter((t) => t.start_time !== cutoff),
        late.filter((t) => lateStart(t) < cutoff!),
      );
      expect(late.filter((t) => lateStart(t) < cutoff!).length).toBeGreaterThan(0);
      expect(late.filter((t) => lateStart(t) > cutoff!).length).toBeGreaterThan(0);
      // A walk after they arrived sees all of them.
      sameTransactions(await ourTransactions(`?${window}`), [...before, ...late]);
    });
  });
});
