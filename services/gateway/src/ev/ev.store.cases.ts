import { type ConnectStore } from '../testing/clickhouse-store.test-bed';
import { ClickHouseEvSessionsStore } from './ev.clickhouse-store';
import { type StoredTransaction, type TransactionFilter } from './ev.store';

const s = (iso: string) => Date.parse(iso) / 1000;
const chTime = (iso: string) => iso.replace('T', ' ').replace('Z', '');
const provenance = (eventId: string, ingestedAt = '2031-04-01T00:00:00Z') => ({
  event_id: eventId,
  source_kind: 'file',
  job_id: '',
  row_number: 0,
  ingested_at: chTime(ingestedAt),
});
const dimension = (eventId: string, version: number) => ({
  occurred_at: chTime('2031-04-01T00:00:00Z'),
  version,
  ...provenance(eventId),
});

const USERS = [
  {
    user_id: 'u1',
    first_name: 'Ana',
    last_name: 'Souza',
    email: 'ana@example.com',
    phone: null,
    signup_date: '2030-01-02',
    ...dimension('du1', 1),
  },
  {
    user_id: 'u2',
    first_name: 'Bruno',
    last_name: 'Martin',
    email: null,
    phone: null,
    signup_date: null,
    ...dimension('du2a', 1),
  },
  // A later version of u2: the join must show it, not the first.
  {
    user_id: 'u2',
    first_name: 'Bruna',
    last_name: 'Martin',
    email: null,
    phone: null,
    signup_date: null,
    ...dimension('du2b', 2),
  },
];

const charger = (id: string, name: string, city: string, eventId: string, version: number) => ({
  charger_id: id,
  name,
  city,
  address: null,
  latitude: null,
  longitude: null,
  power_kw: 50,
  connector_type: 'CCS2',
  ...dimension(eventId, version),
});
const CHARGERS = [
  charger('c1', 'Lyon P1', 'Lyon', 'dc1', 1),
  charger('c2', 'Porto P2', 'Porto', 'dc2a', 1),
  // c2 moved: the city filter and the join see Kraków only.
  charger('c2', 'Kraków P2', 'Kraków', 'dc2b', 2),
];

interface Session {
  event: string;
  charger: string;
  user: string;
  start: string;
  end: string | null;
  energy: number;
  cost: string | null;
  currency: string | null;
}
const SESSIONS: Session[] = [
  {
    event: 'e1',
    charger: 'c1',
    user: 'u1',
    start: '2031-03-03T08:05:00Z',
    end: '2031-03-03T09:20:00Z',
    energy: 40.5,
    cost: '18.225',
    currency: 'EUR',
  },
  {
    event: 'e2',
    charger: 'c1',
    user: 'u2',
    start: '2031-03-03T08:40:00Z',
    end: '2031-03-03T09:00:00Z',
    energy: 20.8,
    cost: '9.36',
    currency: 'EUR',
  },
  {
    event: 'e3',
    charger: 'c1',
    user: 'u-orphan',
    start: '2031-03-04T23:30:00Z',
    end: '2031-03-05T00:30:00Z',
    energy: 10,
    cost: '4.5',
    currency: 'EUR',
  },
  {
    event: 'e4',
    charger: 'c1',
    user: 'u1',
    start: '2031-03-05T10:00:00Z',
    end: null,
    energy: 5.25,
    cost: null,
    currency: null,
  },
  {
    event: 'e5',
    charger: 'c1',
    user: 'u2',
    start: '2031-03-05T12:00:00Z',
    end: '2031-03-05T13:00:00Z',
    energy: 7,
    cost: '3.1',
    currency: 'PLN',
  },
  {
    event: 'e6',
    charger: 'c-orphan',
    user: 'u1',
    start: '2031-03-03T09:00:00Z',
    end: '2031-03-03T10:00:00Z',
    energy: 12,
    cost: '5.4',
    currency: 'EUR',
  },
  {
    event: 'e7',
    charger: 'c2',
    user: 'u2',
    start: '2031-03-06T06:15:00Z',
    end: '2031-03-06T07:45:00Z',
    energy: 30,
    cost: '13.5',
    currency: 'EUR',
  },
  {
    event: 'e9',
    charger: 'c1',
    user: 'u1',
    start: '2031-03-10T08:00:00Z',
    end: '2031-03-10T08:30:00Z',
    energy: 3,
    cost: '-1.35',
    currency: 'EUR',
  },
];
const transactionRow = (t: Session, ingestedAt?: string) => ({
  transaction_id: `tx-${t.event}`,
  user_id: t.user,
  charger_id: t.charger,
  start_time: chTime(t.start),
  end_time: t.end === null ? null : chTime(t.end),
  energy_kwh: t.energy,
  // 18.16 reads a Decimal from a JSON number only; the text keeps it exact.
  cost:
    t.cost === null ? null : (JSON as unknown as { rawJSON(t: string): unknown }).rawJSON(t.cost),
  currency: t.currency,
  ...provenance(t.event, ingestedAt),
});
// e1 delivered twice (a replay): FINAL shows it once.
const TRANSACTIONS = [
  ...SESSIONS.map((t) => transactionRow(t)),
  transactionRow(SESSIONS[0]!, '2031-04-02T00:00:00Z'),
];

const ANA = { first_name: 'Ana', last_name: 'Souza', email: 'ana@example.com' };
const BRUNA = { first_name: 'Bruna', last_name: 'Martin', email: null };
const LYON = { name: 'Lyon P1', city: 'Lyon' };
const KRAKOW = { name: 'Kraków P2', city: 'Kraków' };
const JOINED: Record<string, Pick<StoredTransaction, 'user' | 'charger'>> = {
  e1: { user: ANA, charger: LYON },
  e2: { user: BRUNA, charger: LYON },
  e3: { user: null, charger: LYON },
  e4: { user: ANA, charger: LYON },
  e5: { user: BRUNA, charger: LYON },
  e6: { user: ANA, charger: null },
  e7: { user: BRUNA, charger: KRAKOW },
  e9: { user: ANA, charger: LYON },
};
const FOUR: Record<string, string> = {
  '18.225': '18.2250',
  '9.36': '9.3600',
  '4.5': '4.5000',
  '3.1': '3.1000',
  '5.4': '5.4000',
  '13.5': '13.5000',
  '-1.35': '-1.3500',
};
const expected = (event: string): StoredTransaction => {
  const t = SESSIONS.find((x) => x.event === event)!;
  return {
    event_id: event,
    transaction_id: `tx-${event}`,
    user_id: t.user,
    charger_id: t.charger,
    start_ms: Date.parse(t.start),
    end_ms: t.end === null ? null : Date.parse(t.end),
    energy_kwh: t.energy,
    cost: t.cost === null ? null : FOUR[t.cost]!,
    currency: t.currency,
    ...JOINED[event]!,
  };
};

/** Newest first; hostile values match nothing and break nothing. */
const LIST_CASES: { name: string; filter: TransactionFilter; events: string[] }[] = [
  { name: 'everything', filter: {}, events: ['e9', 'e7', 'e5', 'e4', 'e3', 'e6', 'e2', 'e1'] },
  { name: 'by user', filter: { userId: 'u2' }, events: ['e7', 'e5', 'e2'] },
  { name: 'by charger', filter: { chargerId: 'c-orphan' }, events: ['e6'] },
  { name: 'by city, any case, current city only', filter: { city: 'KRAKÓW' }, events: ['e7'] },
  { name: 'by a former city', filter: { city: 'porto' }, events: [] },
  {
    name: 'by start, to exclusive',
    filter: { fromS: s('2031-03-03T08:40:00Z'), toS: s('2031-03-04T23:30:00Z') },
    events: ['e6', 'e2'],
  },
  {
    name: 'by energy, inclusive',
    filter: { energyMin: 10, energyMax: 20.8 },
    events: ['e3', 'e6', 'e2'],
  },
  { name: 'a quote', filter: { userId: "u1' OR '1'='1" }, events: [] },
  { name: 'a backslash', filter: { city: 'Lyon\\' }, events: [] },
  { name: 'wildcards', filter: { city: '%' }, events: [] },
  { name: 'an emoji', filter: { chargerId: 'c1🔌' }, events: [] },
];

/**
 * The EV read-side scenario, run by the 18.16 integration test and the chDB conformance test
 * alike: both engines must give these exact answers to the SQL the gateway sends.
 */
export function describeEvSessionsStore(name: string, connect: ConnectStore): void {
  describe(name, () => {
    let store: ClickHouseEvSessionsStore;
    let close: () => Promise<void> = () => Promise.resolve();

    beforeAll(async () => {
      const connection = await connect();
      close = connection.close;
      const { client } = connection;
      await client.insert({ table: 'ev_users', values: USERS, format: 'JSONEachRow' });
      await client.insert({ table: 'ev_chargers', values: CHARGERS, format: 'JSONEachRow' });
      await client.insert({
        table: 'ev_transactions',
        values: TRANSACTIONS,
        format: 'JSONEachRow',
      });
      store = new ClickHouseEvSessionsStore(client);
    });

    afterAll(() => close());

    it.each(LIST_CASES)('lists sessions $name', async ({ filter, events }) => {
      const rows = await store.transactions(filter, undefined, 100);
      expect(rows.map((r) => r.event_id)).toEqual(events);
    });

    it('joins each session with its user and charger, null for orphans', async () => {
      const rows = await store.transactions({}, undefined, 100);
      expect(rows).toEqual(['e9', 'e7', 'e5', 'e4', 'e3', 'e6', 'e2', 'e1'].map(expected));
    });

    it('pages on (start_time, event_id) without skipping or repeating', async () => {
      const first = await store.transactions({}, undefined, 3);
      expect(first.map((r) => r.event_id)).toEqual(['e9', 'e7', 'e5']);
      const last = first.at(-1)!;
      const key = { startTime: new Date(last.start_ms).toISOString(), eventId: last.event_id };
      const second = await store.transactions({}, key, 3);
      expect(second.map((r) => r.event_id)).toEqual(['e4', 'e3', 'e6']);
      // Same second, ordered by event id: the key must separate them.
      const tie = { startTime: '2031-03-03T08:40:00.000Z', eventId: 'e2' };
      expect((await store.transactions({}, tie, 3)).map((r) => r.event_id)).toEqual(['e1']);
    });

    it("gives one charger's sessions in a window by start hour and weekday", async () => {
      const facts = await store.usage({
        chargerId: 'c1',
        fromS: s('2031-03-03T00:00:00Z'),
        toS: s('2031-03-06T00:00:00Z'),
      });
      expect(facts.groups).toEqual([
        {
          hour: 8,
          weekday: 1,
          sessions: 2,
          energy_kwh: 40.5 + 20.8,
          first_s: s('2031-03-03T08:05:00Z'),
          last_s: s('2031-03-03T08:40:00Z'),
        },
        {
          hour: 10,
          weekday: 3,
          sessions: 1,
          energy_kwh: 5.25,
          first_s: s('2031-03-05T10:00:00Z'),
          last_s: s('2031-03-05T10:00:00Z'),
        },
        {
          hour: 12,
          weekday: 3,
          sessions: 1,
          energy_kwh: 7,
          first_s: s('2031-03-05T12:00:00Z'),
          last_s: s('2031-03-05T12:00:00Z'),
        },
        {
          hour: 23,
          weekday: 2,
          sessions: 1,
          energy_kwh: 10,
          first_s: s('2031-03-04T23:30:00Z'),
          last_s: s('2031-03-04T23:30:00Z'),
        },
      ]);
      expect(facts.revenue).toEqual([
        { currency: 'EUR', amount: '32.0850' },
        { currency: 'PLN', amount: '3.1000' },
      ]);
      expect(facts.spans).toEqual([
        { start_s: s('2031-03-03T08:05:00Z'), end_s: s('2031-03-03T09:20:00Z') },
        { start_s: s('2031-03-03T08:40:00Z'), end_s: s('2031-03-03T09:00:00Z') },
        { start_s: s('2031-03-04T23:30:00Z'), end_s: s('2031-03-05T00:30:00Z') },
        { start_s: s('2031-03-05T12:00:00Z'), end_s: s('2031-03-05T13:00:00Z') },
      ]);
    });

    it('gives nothing for a window without sessions, and exact negative revenue', async () => {
      expect(
        await store.usage({
          chargerId: 'c2',
          fromS: s('2031-03-01T00:00:00Z'),
          toS: s('2031-03-02T00:00:00Z'),
        }),
      ).toEqual({ groups: [], revenue: [], spans: [] });
      const later = await store.usage({
        chargerId: 'c1',
        fromS: s('2031-03-10T00:00:00Z'),
        toS: s('2031-03-11T00:00:00Z'),
      });
      expect(later.revenue).toEqual([{ currency: 'EUR', amount: '-1.3500' }]);
    });

    it('knows which chargers any session referenced', async () => {
      expect(await store.hasSessions('c-orphan')).toBe(true);
      expect(await store.hasSessions("c1' OR 1=1 --")).toBe(false);
    });
  });
}
