import { ch } from '@tributary/platform';
import { type ConnectStore } from '../testing/clickhouse-store.test-bed';
import { ClickHouseUsageStore } from './usage.clickhouse-store';
import { type UsageFilter } from './usage.store';

const QUOTED = "u'\\"; // a user id with a quote and a backslash
const INGESTED = ch.dateTime(new Date('2031-04-02T00:00:00Z'));

const usage = (eventId: string, userId: string, day: string, kwh: number) =>
  ch.sql`(${ch.str(userId)}, ${ch.date(day)}, ${ch.float(kwh)}, ${ch.str(eventId)}, 'file', 'job', 1, ${INGESTED})`;

// u1 has two records on 2031-03-03 (1.1 + 2.2 is 3.3000000000000003 in binary: shown 3.3);
// u2's is negative; ea is delivered twice.
const ROWS = [
  usage('ea', 'u1', '2031-03-03', 1.1),
  usage('eb', 'u1', '2031-03-03', 2.2),
  usage('ec', 'u1', '2031-03-31', 3.3),
  usage('ed', 'u1', '2031-04-01', 4.4),
  usage('ee', 'u2', '2031-03-03', -1.5),
  usage('ef', QUOTED, '2031-03-10', 0.1),
];
const REDELIVERED = [usage('ea', 'u1', '2031-03-03', 1.1)];

const item = (user_id: string, period: string, usage_kwh: number, records: number) => ({
  user_id,
  period,
  usage_kwh,
  records,
});

const CASES: { name: string; filter: UsageFilter; expected: ReturnType<typeof item>[] }[] = [
  {
    name: 'per day',
    filter: { granularity: 'day' },
    expected: [
      item(QUOTED, '2031-03-10', 0.1, 1),
      item('u1', '2031-03-03', 3.3, 2),
      item('u1', '2031-03-31', 3.3, 1),
      item('u1', '2031-04-01', 4.4, 1),
      item('u2', '2031-03-03', -1.5, 1),
    ],
  },
  {
    name: 'per month',
    filter: { granularity: 'month' },
    expected: [
      item(QUOTED, '2031-03', 0.1, 1),
      item('u1', '2031-03', 6.6, 3),
      item('u1', '2031-04', 4.4, 1),
      item('u2', '2031-03', -1.5, 1),
    ],
  },
  {
    name: 'per month, only the days in the range',
    filter: { granularity: 'month', from: '2031-03-04', to: '2031-04-02' },
    expected: [
      item(QUOTED, '2031-03', 0.1, 1),
      item('u1', '2031-03', 3.3, 1),
      item('u1', '2031-04', 4.4, 1),
    ],
  },
  {
    name: 'of a user with a quote and a backslash',
    filter: { granularity: 'day', userId: QUOTED },
    expected: [item(QUOTED, '2031-03-10', 0.1, 1)],
  },
  ...["u1' OR '1'='1", '\\', 'é\u{1F600}', 'u'.repeat(128)].map((userId) => ({
    name: `of a hostile user ${userId.slice(0, 16)}`,
    filter: { granularity: 'day' as const, userId },
    expected: [],
  })),
];

/**
 * The usage reads, run by the 18.16 integration test and the chDB conformance test alike: both
 * engines must give these hand-computed answers to the SQL the gateway sends.
 */
export function describeUsageStore(name: string, connect: ConnectStore): void {
  describe(name, () => {
    let store: ClickHouseUsageStore;
    let close: () => Promise<void> = () => Promise.resolve();

    beforeAll(async () => {
      const connection = await connect();
      close = connection.close;
      const columns = ch.raw(
        'energy_usage (user_id, date, usage_kwh, event_id, source_kind, job_id, row_number, ingested_at)',
      );
      for (const rows of [ROWS, REDELIVERED])
        await connection.client.command({
          query: ch.sql`INSERT INTO ${columns} VALUES ${ch.join(rows)}`.text,
        });
      store = new ClickHouseUsageStore(connection.client);
    });

    afterAll(() => close());

    it.each(CASES)('sums $name', async ({ filter, expected }) => {
      expect(await store.list(filter, undefined, 100)).toEqual(expected);
    });

    it('pages on (user, period) without skipping or repeating', async () => {
      for (const granularity of ['day', 'month'] as const) {
        const seen: string[] = [];
        let after: { userId: string; period: string } | undefined;
        for (;;) {
          const page = await store.list({ granularity }, after, 2);
          seen.push(...page.map((r) => `${r.user_id} ${r.period}`));
          const last = page.at(-1);
          if (!last) break;
          after = { userId: last.user_id, period: last.period };
        }
        const expected = CASES.find((c) => c.name === `per ${granularity}`)!.expected;
        expect(seen).toEqual(expected.map((r) => `${r.user_id} ${r.period}`));
      }
    });
  });
}
