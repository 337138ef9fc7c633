import { type Row } from '@tributary/testing';
import { datasetApiBed, START } from '../testing/dataset-api.test-bed';
import {
  type ClientView,
  type CurrencyTotalsView,
  type DailyRollupView,
  type MonthlyRollupView,
  type TransactionPage,
  type TransactionView,
} from './banking.dto';

jest.setTimeout(120_000);

const q = encodeURIComponent;
const CREDITS = new Set(['deposit', 'interest']);

/** Amounts of at most 2 decimals as ten-thousandths, so sums are exact; and back to text. */
const units = (amount: number) => BigInt(Math.round(amount * 100)) * 100n;
const decimal = (n: bigint) => {
  const magnitude = n < 0n ? -n : n;
  const text = `${magnitude / 10_000n}.${String(magnitude % 10_000n).padStart(4, '0')}`;
  return n < 0n ? `-${text}` : text;
};

interface Problem {
  type: string;
  status: number;
  errors?: { path: string; message: string }[];
}

describe('banking query API (generated data through the real pipeline)', () => {
  const bed = datasetApiBed('banking-e2e', {
    datasets: ['banking.clients', 'banking.transactions'],
  });

  const clients = () => bed.rows['banking.clients'];
  /** The rows file-ingest accepted: all but those with no amount or an unreadable date. */
  const accepted = (): Row[] => {
    const rejected = new Set(
      bed.anomalies
        .filter(
          (a) =>
            a.dataset === 'banking.transactions' &&
            (a.kind === 'null' || a.kind === 'unparseable_date'),
        )
        .map((a) => a.row),
    );
    return bed.rows['banking.transactions'].filter((_, i) => !rejected.has(i + 1));
  };

  const clientView = (c: Row): ClientView => ({
    client_id: c['client_id'] as string,
    name: c['name'] as string,
    email: c['email'] as string,
    country: c['country'] as string,
    created_at: new Date(c['created_at'] as string).toISOString(),
  });
  const byId = (a: ClientView, b: ClientView) =>
    a.client_id < b.client_id ? -1 : a.client_id > b.client_id ? 1 : 0;
  const ourClients = (filter: (c: Row) => boolean) =>
    clients().filter(filter).map(clientView).sort(byId);

  const transactionView = (t: Row): TransactionView => ({
    transaction_id: t['transaction_id'] as string,
    client_id: t['client_id'] as string,
    transaction_type: t['transaction_type'] as TransactionView['transaction_type'],
    direction: CREDITS.has(t['transaction_type'] as string) ? 'credit' : 'debit',
    transaction_date: `${t['transaction_date'] as string}T00:00:00Z`,
    amount: decimal(units(t['amount'] as number)),
    currency: t['currency'] as string,
  });
  const byTransaction = (a: TransactionView, b: TransactionView) =>
    a.transaction_id < b.transaction_id ? -1 : a.transaction_id > b.transaction_id ? 1 : 0;

  /** Totals per currency computed from the generated rows. */
  function totalsOf(rows: readonly Row[]): CurrencyTotalsView[] {
    const per = new Map<string, { count: number; credits: bigint; debits: bigint }>();
    for (const row of rows) {
      const currency = row['currency'] as string;
      const held = per.get(currency) ?? { count: 0, credits: 0n, debits: 0n };
      const amount = units(row['amount'] as number);
      const magnitude = amount < 0n ? -amount : amount;
      held.count += 1;
      if (CREDITS.has(row['transaction_type'] as string)) held.credits += magnitude;
      else held.debits += magnitude;
      per.set(currency, held);
    }
    return [...per.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, t]) => ({
        currency,
        count: t.count,
        credits: decimal(t.credits),
        debits: decimal(t.debits),
        amount: decimal(t.credits - t.debits),
      }));
  }

  /** Sums per (period, currency) computed from the generated rows, oldest first. */
  function rollupOf(rows: readonly Row[], periodOf: (day: string) => string) {
    const per = new Map<string, Row[]>();
    for (const row of rows) {
      const key = `${periodOf(row['transaction_date'] as string)} ${row['currency'] as string}`;
      per.set(key, [...(per.get(key) ?? []), row]);
    }
    return [...per.keys()].sort().map((key) => {
      const [period = '', currency = ''] = key.split(' ');
      const [{ count, credits, debits, amount }] = totalsOf(per.get(key)!) as [CurrencyTotalsView];
      return { period, currency, transactions: count, credits, debits, amount };
    });
  }

  /** Clients with the most accepted transactions, for tests that need several. */
  const busiestClients = () => {
    const counts = new Map<string, number>();
    for (const row of accepted()) {
      const id = row['client_id'] as string;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  };

  const transactionsPath = (clientId: string, query = '') =>
    `/v1/banking/clients/${q(clientId)}/transactions${query ? `?${query}` : ''}`;

  const rollupPath = (clientId: string, period: 'daily' | 'monthly', query = '') =>
    `/v1/banking/clients/${q(clientId)}/transactions/${period}${query ? `?${query}` : ''}`;

  it('lists every client once, with its values, in client_id order across pages', async () => {
    const walked = await bed.all<ClientView>(
      `/v1/banking/clients?client_id=${q(bed.prefix)}&limit=4`,
    );
    expect(walked).toEqual(ourClients(() => true));
  });

  it('filters clients by id, name and email prefix (case-insensitive) and by country', async () => {
    const sample = clients()[3]!;
    const name = (sample['name'] as string).slice(0, 3).toUpperCase();
    expect(
      await bed.all<ClientView>(
        `/v1/banking/clients?client_id=${q(bed.prefix.toUpperCase())}&name=${q(name)}`,
      ),
    ).toEqual(
      ourClients((c) => (c['name'] as string).toLowerCase().startsWith(name.toLowerCase())),
    );
    expect(
      await bed.all<ClientView>(`/v1/banking/clients?client_id=${q(bed.prefix)}&email=CLIENT1`),
    ).toEqual(ourClients((c) => (c['email'] as string).startsWith('client1')));
    const country = sample['country'] as string;
    expect(
      await bed.all<ClientView>(
        `/v1/banking/clients?client_id=${q(bed.prefix)}&country=${country.toLowerCase()}`,
      ),
    ).toEqual(ourClients((c) => c['country'] === country));
    const exact = sample['client_id'] as string;
    expect(await bed.all<ClientView>(`/v1/banking/clients?client_id=${q(exact)}`)).toEqual(
      ourClients((c) => (c['client_id'] as string).startsWith(exact)),
    );
  });

  it("returns each client's transactions and totals over the whole range, exactly", async () => {
    for (const clientId of busiestClients().slice(0, 4)) {
      const rows = accepted().filter((t) => t['client_id'] === clientId);
      const { status, body } = await bed.get<TransactionPage>(
        transactionsPath(clientId, 'limit=3'),
      );
      expect(status).toBe(200);
      expect(body.totals).toEqual(totalsOf(rows));
      expect(body.items).toHaveLength(Math.min(3, rows.length));
      const walked = await bed.all<TransactionView>(transactionsPath(clientId, 'limit=2'));
      expect([...walked].sort(byTransaction)).toEqual(
        rows.map(transactionView).sort(byTransaction),
      );
      const dates = walked.map((t) => t.transaction_date);
      expect(dates).toEqual([...dates].sort());
    }
  });

  it('filters by inclusive days and by type, totals following the filter', async () => {
    const clientId = busiestClients()[0]!;
    const rows = accepted().filter((t) => t['client_id'] === clientId);
    const days = [...new Set(rows.map((t) => t['transaction_date'] as string))].sort();
    const [from, to] = [days[1] ?? days[0]!, days[days.length - 2] ?? days[0]!];
    const inRange = rows.filter(
      (t) => (t['transaction_date'] as string) >= from && (t['transaction_date'] as string) <= to,
    );
    const query = `start_date=${from}&end_date=${to}`;
    const { body } = await bed.get<TransactionPage>(transactionsPath(clientId, query));
    expect(body.totals).toEqual(totalsOf(inRange));
    expect(
      (await bed.all<TransactionView>(transactionsPath(clientId, query))).sort(byTransaction),
    ).toEqual(inRange.map(transactionView).sort(byTransaction));
    const oneDay = await bed.get<TransactionPage>(
      transactionsPath(clientId, `start_date=${from}&end_date=${from}`),
    );
    expect(oneDay.body.totals).toEqual(
      totalsOf(rows.filter((t) => t['transaction_date'] === from)),
    );
    const type = rows[0]!['transaction_type'] as string;
    const typed = await bed.get<TransactionPage>(transactionsPath(clientId, `type=${type}`));
    expect(typed.body.totals).toEqual(totalsOf(rows.filter((t) => t['transaction_type'] === type)));
    expect(typed.body.items.every((t) => t.transaction_type === type)).toBe(true);
    const before = await bed.get<TransactionPage>(
      transactionsPath(clientId, 'end_date=2031-03-02'),
    );
    expect(before.body).toEqual({ items: [], next_cursor: null, totals: [] });
  });

  it("sums each client's transactions per day and per month and currency, exactly", async () => {
    // Before the walk below, which adds transactions to busiestClients()[1].
    for (const clientId of [busiestClients()[0]!, busiestClients()[2]!]) {
      const rows = accepted().filter((t) => t['client_id'] === clientId);
      const daily = rollupOf(rows, (day) => day).map(({ period, ...sums }) => ({
        date: period,
        ...sums,
      }));
      const monthly = rollupOf(rows, (day) => day.slice(0, 7)).map(({ period, ...sums }) => ({
        month: period,
        ...sums,
      }));
      const first = await bed.get<{ items: DailyRollupView[] }>(
        rollupPath(clientId, 'daily', 'limit=3'),
      );
      expect(first.status).toBe(200);
      expect(first.body.items).toEqual(daily.slice(0, 3));
      expect(await bed.all<DailyRollupView>(rollupPath(clientId, 'daily', 'limit=3'))).toEqual(
        daily,
      );
      expect(await bed.all<MonthlyRollupView>(rollupPath(clientId, 'monthly', 'limit=3'))).toEqual(
        monthly,
      );
      // The whole period as days: the same answer, the months those days fall in.
      const days = rows.map((t) => t['transaction_date'] as string).sort();
      const range = `start_date=${days[0]!}&end_date=${days.at(-1)!}`;
      expect(
        await bed.all<MonthlyRollupView>(rollupPath(clientId, 'monthly', `${range}&limit=3`)),
      ).toEqual(monthly);
    }
    const { status, body } = await bed.get<Problem>(rollupPath(`${bed.prefix}c-nobody`, 'monthly'));
    expect([status, body.type]).toEqual([404, '/problems/not-found']);
    // A daily cursor is refused by the monthly route.
    const clientId = busiestClients()[0]!;
    const page = await bed.get<{ next_cursor: string }>(rollupPath(clientId, 'daily', 'limit=1'));
    const reused = await bed.get<Problem>(
      rollupPath(clientId, 'monthly', `limit=1&cursor=${q(page.body.next_cursor)}`),
    );
    expect(reused.status).toBe(400);
    for (const query of ['currency=EURO', 'start_date=2031-03-05&end_date=2031-03-04', 'x=1']) {
      const invalid = await bed.get<Problem>(rollupPath(clientId, 'daily', query));
      expect([query, invalid.status]).toEqual([query, 400]);
    }
  });

  it('walks every transaction once while new rows arrive', async () => {
    const clientId = busiestClients()[1]!;
    const rows = accepted().filter((t) => t['client_id'] === clientId);
    const seen: TransactionView[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path = transactionsPath(clientId, `limit=2${cursor ? `&cursor=${q(cursor)}` : ''}`);
      const { status, body } = await bed.get<TransactionPage>(path);
      expect(status).toBe(200);
      seen.push(...body.items);
      cursor = body.next_cursor;
      if (++pages === 1) {
        // New transactions of this client on the first, the middle and a late day.
        await bed.ingest(
          'banking.transactions',
          ['2031-03-03', '2031-03-15', '2031-04-01'].map((day, i) => ({
            transaction_id: `${bed.prefix}bt-new-${i}`,
            client_id: clientId,
            transaction_type: 'deposit',
            transaction_date: day,
            amount: 10 + i,
            currency: 'EUR',
          })),
        );
      }
    } while (cursor);
    const ids = seen.map((t) => t.transaction_id);
    expect(new Set(ids).size).toBe(ids.length);
    const original = new Set(rows.map((t) => t['transaction_id'] as string));
    expect(ids.filter((id) => original.has(id)).sort()).toEqual([...original].sort());
    // The day after the last page holds the late one, which the walk had not reached yet.
    expect(ids).toContain(`${bed.prefix}bt-new-2`);
  });

  it('answers 404 for an unknown client, and 200 for one only transactions name', async () => {
    const { status, body } = await bed.get<Problem>(transactionsPath(`${bed.prefix}c-nobody`));
    expect([status, body.type]).toEqual([404, '/problems/not-found']);
    const orphans = accepted().filter((t) => t['client_id'] === `${bed.prefix}c-99999`);
    if (orphans.length > 0) {
      const orphan = await bed.get<TransactionPage>(transactionsPath(`${bed.prefix}c-99999`));
      expect(orphan.status).toBe(200);
      expect(orphan.body.totals).toEqual(totalsOf(orphans));
    }
    const quiet = clients().find((c) => !accepted().some((t) => t['client_id'] === c['client_id']));
    if (quiet) {
      const empty = await bed.get<TransactionPage>(transactionsPath(quiet['client_id'] as string));
      expect([empty.status, empty.body]).toEqual([
        200,
        { items: [], next_cursor: null, totals: [] },
      ]);
    }
  });

  it('holds against hostile values: empty results or a clean 400, never an error', async () => {
    const hostile = [
      "O'Neil",
      "'; DROP TABLE banking_clients; --",
      '\\',
      '%',
      '_',
      'Chloé 🙂',
      '\u0000',
      'x'.repeat(128),
    ];
    for (const value of hostile) {
      for (const field of ['client_id', 'name', 'email']) {
        const { status, body } = await bed.get<{ items: ClientView[] }>(
          `/v1/banking/clients?${field}=${q(value)}`,
        );
        expect([field, value, status]).toEqual([field, value, 200]);
        expect(body.items.filter((c) => bed.ours(c.client_id))).toEqual(
          value === "O'Neil" && field === 'name'
            ? ourClients((c) => (c['name'] as string).startsWith("O'Neil"))
            : [],
        );
      }
      // Fastify answers 414 for a path segment over its maxParamLength (100), before any route.
      const { status, body } = await bed.get<Problem>(transactionsPath(value.slice(0, 100)));
      expect([value, status, body.type]).toEqual([value, 404, '/problems/not-found']);
    }
    const invalid = [
      '/v1/banking/clients?name=' + 'x'.repeat(129),
      '/v1/banking/clients?country=PRT',
      '/v1/banking/clients?limit=1001',
      '/v1/banking/clients?limit=99999999999999999999',
      '/v1/banking/clients?surprise=1',
      '/v1/banking/clients?cursor=not-a-cursor',
      transactionsPath('c-1', 'type=refund'),
      transactionsPath('c-1', 'start_date=2031-02-30'),
      transactionsPath('c-1', 'start_date=2031-03-05&end_date=2031-03-04'),
      transactionsPath('c-1', 'end_date=9999-12-31'),
      transactionsPath('c-1', 'limit=0'),
    ];
    for (const path of invalid) {
      const { status, body, headers } = await bed.get<Problem>(path);
      expect([path, status, body.type]).toEqual([path, 400, '/problems/validation-failed']);
      expect(headers.get('content-type')).toContain('application/problem+json');
    }
    // A cursor of one client's walk is refused for another client.
    const [first, second] = busiestClients();
    const page = await bed.get<TransactionPage>(transactionsPath(first!, 'limit=1'));
    const reused = await bed.get<Problem>(
      transactionsPath(second!, `limit=1&cursor=${q(page.body.next_cursor!)}`),
    );
    expect(reused.status).toBe(400);
  });

  it('starts on the generated period', () => {
    expect(accepted().every((t) => (t['transaction_date'] as string) >= START)).toBe(true);
  });
});
