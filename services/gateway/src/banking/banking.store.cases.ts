import { bankingDailyRecomputation, bankingMonthlyRecomputation } from '@tributary/read-models';
import { type ConnectStore } from '../testing/clickhouse-store.test-bed';
import { ClickHouseBankingTransactionsStore } from './banking.clickhouse-store';

const tx = (
  n: number,
  client_id: string,
  transaction_type: string,
  transaction_date: string,
  amount: string,
  currency = 'EUR',
) => ({
  transaction_id: `bt-${n}`,
  client_id,
  transaction_type,
  transaction_date,
  amount,
  currency,
  event_id: `e-${String(n).padStart(2, '0')}`,
  source_kind: 'file',
  job_id: '',
  row_number: n,
  ingested_at: '2031-05-01 00:00:00',
});

// Amounts unquoted in JSONEachRow (18.16 refuses a quoted decimal); the test builds the lines.
const ROWS = [
  tx(1, "c-'q\\", 'deposit', '2031-03-03 00:00:00', '1000.5000'),
  tx(2, "c-'q\\", 'withdrawal', '2031-03-03 12:00:00', '-250.2500'),
  tx(3, "c-'q\\", 'fee', '2031-03-04 23:59:59', '0.0001'),
  tx(4, "c-'q\\", 'payment', '2031-03-05 00:00:00', '99.9900'),
  tx(5, "c-'q\\", 'interest', '2031-03-05 00:00:00', '12345678901234.5678', 'USD'),
  tx(6, 'c-other', 'deposit', '2031-03-03 00:00:00', '5.0000'),
  // Across month ends, for the rollups: a debit signed either way, two currencies in March.
  tx(7, 'c-months', 'deposit', '2031-02-28 23:59:59', '10.0000'),
  tx(8, 'c-months', 'transfer', '2031-03-01 00:00:00', '-3.5000'),
  tx(9, 'c-months', 'deposit', '2031-03-31 23:59:59', '2.0000', 'GBP'),
  tx(10, 'c-months', 'withdrawal', '2031-04-01 00:00:00', '4.0000'),
  tx(11, 'c-months', 'interest', '2031-03-15 12:00:00', '0.2500'),
];

/** A period's sums as the store gives them. */
const sums = (
  period: string,
  currency: string,
  count: number,
  credits: string,
  debits: string,
  amount: string,
) => ({ period, currency, count, credits, debits, amount });

/**
 * The read side of banking, run by the 18.16 integration test and the chDB conformance test
 * alike: both engines must give these exact answers to the SQL the gateway sends. The rollups
 * are recomputed from the inserted transactions with the statements the projector runs.
 */
export function describeBankingStore(name: string, connect: ConnectStore): void {
  describe(name, () => {
    let store: ClickHouseBankingTransactionsStore;
    let close: () => Promise<void> = () => Promise.resolve();
    const client = "c-'q\\";

    beforeAll(async () => {
      const connection = await connect();
      close = connection.close;
      const body = ROWS.map((row) =>
        JSON.stringify({ ...row, amount: '@' }).replace('"@"', row.amount),
      ).join('\n');
      await connection.client.command({
        query: `INSERT INTO banking_transactions FORMAT JSONEachRow\n${body}`,
      });
      await connection.client.command({ query: bankingDailyRecomputation('1', 1) });
      await connection.client.command({ query: bankingMonthlyRecomputation('1', 1) });
      store = new ClickHouseBankingTransactionsStore(connection.client);
    });

    afterAll(() => close());

    const ids = async (filter: Parameters<typeof store.transactions>[1]) =>
      (await store.transactions(client, filter, undefined, 100)).map((r) => r.transaction_id);

    it('lists a client oldest first, amounts exact with 4 decimals', async () => {
      const rows = await store.transactions(client, {}, undefined, 100);
      expect(rows.map((r) => [r.transaction_id, r.transaction_date, r.amount])).toEqual([
        ['bt-1', '2031-03-03 00:00:00', '1000.5000'],
        ['bt-2', '2031-03-03 12:00:00', '-250.2500'],
        ['bt-3', '2031-03-04 23:59:59', '0.0001'],
        ['bt-4', '2031-03-05 00:00:00', '99.9900'],
        ['bt-5', '2031-03-05 00:00:00', '12345678901234.5678'],
      ]);
    });

    it('filters by inclusive days and type, and pages by key', async () => {
      expect(await ids({ from: '2031-03-04', to: '2031-03-04' })).toEqual(['bt-3']);
      expect(await ids({ from: '2031-03-03', to: '2031-03-04' })).toEqual(['bt-1', 'bt-2', 'bt-3']);
      expect(await ids({ to: '2105-12-31', type: 'payment' })).toEqual(['bt-4']);
      const after = { date: '2031-03-05 00:00:00', eventId: 'e-04' };
      expect(
        (await store.transactions(client, {}, after, 100)).map((r) => r.transaction_id),
      ).toEqual(['bt-5']);
    });

    it('totals per currency from the daily rollup, credits and debits by type', async () => {
      expect(await store.totals(client, {})).toEqual([
        { currency: 'EUR', count: 4, credits: '1000.5000', debits: '350.2401', amount: '650.2599' },
        {
          currency: 'USD',
          count: 1,
          credits: '12345678901234.5678',
          debits: '0.0000',
          amount: '12345678901234.5678',
        },
      ]);
      expect(
        await store.totals(client, { from: '2031-03-04', to: '2031-03-05', type: 'fee' }),
      ).toEqual([
        { currency: 'EUR', count: 1, credits: '0.0000', debits: '0.0001', amount: '-0.0001' },
      ]);
      expect(await store.totals(client, { from: '2031-04-01' })).toEqual([]);
    });

    it('sums per day and currency from the daily rollup, oldest first, paged by key', async () => {
      expect(await store.rollup(client, 'day', {}, undefined, 100)).toEqual([
        sums('2031-03-03', 'EUR', 2, '1000.5000', '250.2500', '750.2500'),
        sums('2031-03-04', 'EUR', 1, '0.0000', '0.0001', '-0.0001'),
        sums('2031-03-05', 'EUR', 1, '0.0000', '99.9900', '-99.9900'),
        sums('2031-03-05', 'USD', 1, '12345678901234.5678', '0.0000', '12345678901234.5678'),
      ]);
      expect(
        await store.rollup(client, 'day', {}, { period: '2031-03-05', currency: 'EUR' }, 100),
      ).toEqual([
        sums('2031-03-05', 'USD', 1, '12345678901234.5678', '0.0000', '12345678901234.5678'),
      ]);
      expect(
        await store.rollup(
          'c-months',
          'day',
          { from: '2031-03-01', to: '2031-03-31' },
          undefined,
          2,
        ),
      ).toEqual([
        sums('2031-03-01', 'EUR', 1, '0.0000', '3.5000', '-3.5000'),
        sums('2031-03-15', 'EUR', 1, '0.2500', '0.0000', '0.2500'),
      ]);
      expect(await store.rollup('c-months', 'day', { type: 'deposit' }, undefined, 100)).toEqual([
        sums('2031-02-28', 'EUR', 1, '10.0000', '0.0000', '10.0000'),
        sums('2031-03-31', 'GBP', 1, '2.0000', '0.0000', '2.0000'),
      ]);
      expect(await store.rollup('c-none', 'day', {}, undefined, 100)).toEqual([]);
    });

    it('sums per month and currency, the months the days fall in, from the monthly rollup', async () => {
      expect(await store.rollup('c-months', 'month', {}, undefined, 100)).toEqual([
        sums('2031-02-01', 'EUR', 1, '10.0000', '0.0000', '10.0000'),
        sums('2031-03-01', 'EUR', 2, '0.2500', '3.5000', '-3.2500'),
        sums('2031-03-01', 'GBP', 1, '2.0000', '0.0000', '2.0000'),
        sums('2031-04-01', 'EUR', 1, '0.0000', '4.0000', '-4.0000'),
      ]);
      expect(
        await store.rollup(
          'c-months',
          'month',
          { from: '2031-03-15', to: '2031-04-02' },
          undefined,
          100,
        ),
      ).toEqual([
        sums('2031-03-01', 'EUR', 2, '0.2500', '3.5000', '-3.2500'),
        sums('2031-03-01', 'GBP', 1, '2.0000', '0.0000', '2.0000'),
        sums('2031-04-01', 'EUR', 1, '0.0000', '4.0000', '-4.0000'),
      ]);
      expect(
        await store.rollup(
          'c-months',
          'month',
          { from: '2031-03-31', to: '2031-03-31', currency: 'EUR' },
          undefined,
          100,
        ),
      ).toEqual([sums('2031-03-01', 'EUR', 2, '0.2500', '3.5000', '-3.2500')]);
      expect(
        await store.rollup('c-months', 'month', {}, { period: '2031-03-01', currency: 'EUR' }, 1),
      ).toEqual([sums('2031-03-01', 'GBP', 1, '2.0000', '0.0000', '2.0000')]);
      expect(await store.rollup(client, 'month', {}, undefined, 100)).toEqual([
        sums('2031-03-01', 'EUR', 4, '1000.5000', '350.2401', '650.2599'),
        sums('2031-03-01', 'USD', 1, '12345678901234.5678', '0.0000', '12345678901234.5678'),
      ]);
      expect(await store.rollup(client, 'month', { from: '2031-04-01' }, undefined, 100)).toEqual(
        [],
      );
    });

    it('knows which clients have transactions', async () => {
      expect(await store.hasTransactions(client)).toBe(true);
      expect(await store.hasTransactions('c-none')).toBe(false);
    });
  });
}
