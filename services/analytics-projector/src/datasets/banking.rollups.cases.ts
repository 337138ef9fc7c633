import { type ClickHouseClient } from '@clickhouse/client';
import { fixtureMetadata, type TributaryBanking } from '@tributary/contracts';
import { bankingTransactionRow, type BankingTransactionRow } from './banking.projection';
import { ClickHouseDatasetStore } from './datasets.clickhouse-store';

const JOB = '6f1c1f6e-2a57-4e0b-9d55-1c9b1c1a0b01';
const JOB_2 = '6f1c1f6e-2a57-4e0b-9d55-1c9b1c1a0b02';

/** Transactions of two clients over two months: every type, a negative amount, 18 digits. */
const SPECS: [string, TributaryBanking.TransactionType, string, string, string][] = [
  // client, type, booked at, amount, currency
  ['c-a', 'deposit', '2031-03-03T09:00:00Z', '1200.5000', 'EUR'],
  ['c-a', 'withdrawal', '2031-03-03T12:30:00Z', '-250.0000', 'EUR'],
  ['c-a', 'payment', '2031-03-03T23:59:59Z', '99.9900', 'EUR'],
  ['c-a', 'fee', '2031-03-04T00:00:00Z', '0.0001', 'EUR'],
  ['c-a', 'deposit', '2031-03-04T08:00:00Z', '10.0000', 'USD'],
  ['c-a', 'interest', '2031-04-01T00:00:00Z', '12345678901234.5678', 'EUR'],
  ['c-a', 'transfer', '2031-04-15T10:00:00Z', '500.2500', 'EUR'],
  ['c-b', 'deposit', '2031-03-03T10:00:00Z', '1.1000', 'EUR'],
  ['c-b', 'deposit', '2031-03-03T11:00:00Z', '2.2000', 'EUR'],
];

const eventId = (i: number) => `00000000-0000-4000-8b00-${String(i).padStart(12, '0')}`;

export const transactionEvent = (
  i: number,
  ingestedAt = '2031-05-01T00:00:00Z',
  job = JOB,
): TributaryBanking.TransactionRecorded => {
  const [client, type, at, amount, currency] = SPECS[i]!;
  return {
    metadata: fixtureMetadata(eventId(i), {
      ingested_at: new Date(ingestedAt),
      source: { kind: 'file', reference: job, row_number: i + 1 },
    }),
    transaction_id: `bt-${i}`,
    client_id: client,
    transaction_type: type,
    transaction_date: new Date(at),
    amount,
    currency,
  };
};

export const transaction = (i: number, ingestedAt?: string, job?: string) =>
  bankingTransactionRow(transactionEvent(i, ingestedAt, job));

export const ALL_EVENTS = SPECS.map((_, i) => transactionEvent(i));
export const ALL = ALL_EVENTS.map(bankingTransactionRow);

/** `12.3400` as 123400 ten-thousandths, and back, so sums stay exact in the test too. */
const units = (text: string) => {
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const magnitude = BigInt(whole!) * 10_000n + BigInt(fraction.padEnd(4, '0'));
  return text.startsWith('-') ? -magnitude : magnitude;
};
const decimal = (n: bigint) => {
  const magnitude = n < 0n ? -n : n;
  const text = `${magnitude / 10_000n}.${String(magnitude % 10_000n).padStart(4, '0')}`;
  return n < 0n ? `-${text}` : text;
};

export interface RollupRow {
  client_id: string;
  bucket: string;
  currency: string;
  transaction_type: string;
  transactions: number;
  amount_sum: string;
  abs_amount_sum: string;
}

/** What the daily or monthly rollup must hold for `rows`, computed here, not by SQL. */
export function expectedRollup(
  rows: readonly BankingTransactionRow[],
  bucketOf: 'day' | 'month',
): RollupRow[] {
  const sums = new Map<string, { n: number; sum: bigint; abs: bigint; row: RollupRow }>();
  for (const row of rows) {
    const day = row.transaction_date.slice(0, 10);
    const bucket = bucketOf === 'day' ? day : `${day.slice(0, 7)}-01`;
    const key = [row.client_id, bucket, row.currency, row.transaction_type].join('|');
    const amount = units(row.amount.rawJSON);
    const held = sums.get(key) ?? {
      n: 0,
      sum: 0n,
      abs: 0n,
      row: {
        client_id: row.client_id,
        bucket,
        currency: row.currency,
        transaction_type: row.transaction_type,
      } as RollupRow,
    };
    held.n += 1;
    held.sum += amount;
    held.abs += amount < 0n ? -amount : amount;
    sums.set(key, held);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { n, sum, abs, row }]) => ({
      ...row,
      transactions: n,
      amount_sum: decimal(sum),
      abs_amount_sum: decimal(abs),
    }));
}

/** Current ClickHouse prints a Decimal without trailing zeros (12.34); 18.16 as 12.3400. */
const fourDecimals = (text: string) => {
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(4, '0')}`;
};

/**
 * Redelivery, replay and concurrent writers against the rollups, run by the 18.16 integration
 * test and the chDB conformance test alike: the migration, the projector's recomputing
 * statements and the rollup reads must give the same exact answers on both engines.
 */
export async function readRollup(
  client: ClickHouseClient,
  table: 'banking_daily' | 'banking_monthly',
): Promise<RollupRow[]> {
  const bucket = table === 'banking_daily' ? 'day' : 'month';
  const result = await client.query({
    query: `SELECT client_id, toString(${bucket}) AS bucket, currency, transaction_type,
                   sum(transactions) AS transactions, toString(sum(amount_sum)) AS amount_sum,
                   toString(sum(abs_amount_sum)) AS abs_amount_sum
            FROM ${table} FINAL
            GROUP BY client_id, ${bucket}, currency, transaction_type
            ORDER BY client_id, ${bucket}, currency, transaction_type`,
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  return (await result.json<RollupRow>()).map((row) => ({
    ...row,
    amount_sum: fourDecimals(row.amount_sum),
    abs_amount_sum: fourDecimals(row.abs_amount_sum),
  }));
}

export function describeBankingRollups(
  name: string,
  connect: () => Promise<{ client: ClickHouseClient; close: () => Promise<void> }>,
): void {
  describe(name, () => {
    let client: ClickHouseClient;
    let store: ClickHouseDatasetStore;
    let close: () => Promise<void> = () => Promise.resolve();

    beforeAll(async () => {
      ({ client, close } = await connect());
      store = new ClickHouseDatasetStore(client);
    });

    afterAll(() => close());

    async function rows<T>(query: string): Promise<T[]> {
      const result = await client.query({
        query,
        format: 'JSONEachRow',
        clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
      });
      return result.json<T>();
    }

    /** Three more transactions, copies of the first three under event ids of their own. */
    const extra = [200, 201, 202].map((n, i) => ({
      ...transaction(i),
      transaction_id: `bt-${n}`,
      event_id: eventId(n),
    }));

    /** The rollup as every reader must read it: FINAL, then summed per bucket. */
    const rollup = (table: 'banking_daily' | 'banking_monthly') => readRollup(client, table);

    const expectRollupsOf = async (stored: readonly BankingTransactionRow[]) => {
      expect(await rollup('banking_daily')).toEqual(expectedRollup(stored, 'day'));
      expect(await rollup('banking_monthly')).toEqual(expectedRollup(stored, 'month'));
    };

    it('rolls up what is inserted, per day and per month', async () => {
      await store.insert('banking_transactions', ALL.slice(0, 5));
      await expectRollupsOf(ALL.slice(0, 5));
    });

    it('adds nothing when the same events arrive again, alone or with new ones', async () => {
      await store.insert('banking_transactions', ALL.slice(0, 5));
      // A chunk replayed after a crash, overlapping the stored events and carrying new ones.
      await store.insert('banking_transactions', ALL.slice(3));
      await store.insert('banking_transactions', [...ALL].reverse());
      await expectRollupsOf(ALL);
      expect(
        await rows(
          'SELECT count() AS n, uniqExact(event_id) AS events FROM banking_transactions FINAL',
        ),
      ).toEqual([{ n: ALL.length, events: ALL.length }]);
    });

    it('counts an event once when one insert holds it twice; the latest ingestion is kept', async () => {
      const again = transaction(8, '2031-05-02T00:00:00Z', JOB_2);
      const fresh = [
        { ...transaction(8), transaction_id: 'bt-new', event_id: eventId(100) },
        { ...transaction(8), transaction_id: 'bt-new', event_id: eventId(100) },
      ];
      const later = { ...fresh[0]!, ingested_at: '2031-05-03 00:00:00', job_id: JOB_2 };
      await store.insert('banking_transactions', [fresh[0]!, later, fresh[1]!, again]);
      await expectRollupsOf([...ALL, later]);
      expect(
        await rows(
          `SELECT job_id, toString(ingested_at) AS ingested_at FROM banking_transactions FINAL
           WHERE event_id = '${eventId(100)}'`,
        ),
      ).toEqual([{ job_id: JOB_2, ingested_at: '2031-05-03 00:00:00' }]);
    });

    it('counts each event once when two writers flush the same clients at the same time', async () => {
      // Two group members during a rebalance: the old owner's last flush and the new owner's
      // first, both holding some of the same events, each with its own clock.
      const owners = [new ClickHouseDatasetStore(client), new ClickHouseDatasetStore(client)];
      await Promise.all([
        owners[0]!.insert('banking_transactions', [...ALL.slice(4), extra[0]!, extra[1]!]),
        owners[1]!.insert('banking_transactions', [extra[1]!, ...ALL.slice(0, 6), extra[2]!]),
      ]);
      const later = { ...transaction(8), transaction_id: 'bt-new', event_id: eventId(100) };
      await expectRollupsOf([...ALL, later, ...extra]);
    });

    it('stays exact once the rollups merge', async () => {
      await client.command({ query: 'OPTIMIZE TABLE banking_daily FINAL' });
      await client.command({ query: 'OPTIMIZE TABLE banking_monthly FINAL' });
      const later = { ...transaction(8), transaction_id: 'bt-new', event_id: eventId(100) };
      await expectRollupsOf([...ALL, { ...later, ingested_at: '2031-05-03 00:00:00' }, ...extra]);
      expect(await rows(`SELECT count() AS n FROM banking_daily WHERE client_id = 'c-b'`)).toEqual([
        { n: 1 },
      ]);
    });
  });
}
