import { CLIENT_TEXT_PER_STATEMENT, rollupStatements } from './banking.rollups';
import { transaction } from './banking.rollups.cases';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('rollupStatements', () => {
  it('recomputes the clients’ days from the first to the last touched, then their months', () => {
    // c-a on 2031-03-03 and 2031-04-15, c-b on 2031-03-03.
    const statements = rollupStatements([transaction(6), transaction(0), transaction(7)]);
    expect(statements.map((statement) => oneLine(statement(1234)))).toEqual([
      'INSERT INTO banking_daily (client_id, day, currency, transaction_type, transactions, amount_sum, abs_amount_sum, computed_version) ' +
        'SELECT client_id, toDate(transaction_date), currency, transaction_type, count(), sum(amount), sum(abs(amount)), 1234 ' +
        "FROM banking_transactions FINAL WHERE client_id IN ('c-a', 'c-b') " +
        "AND transaction_date >= toDateTime('2031-03-03 00:00:00', 'UTC') " +
        "AND transaction_date <= toDateTime('2031-04-15 23:59:59', 'UTC') " +
        'GROUP BY client_id, toDate(transaction_date), currency, transaction_type',
      'INSERT INTO banking_monthly (client_id, month, currency, transaction_type, transactions, amount_sum, abs_amount_sum, computed_version) ' +
        'SELECT client_id, toStartOfMonth(day), currency, transaction_type, sum(transactions), sum(amount_sum), sum(abs_amount_sum), 1234 ' +
        "FROM banking_daily FINAL WHERE client_id IN ('c-a', 'c-b') " +
        "AND toStartOfMonth(day) >= toDate('2031-03-01') AND toStartOfMonth(day) <= toDate('2031-04-01') " +
        'GROUP BY client_id, toStartOfMonth(day), currency, transaction_type',
    ]);
  });

  it('writes each statement with the version it is given when sent', () => {
    const [daily] = rollupStatements([transaction(0)]);
    expect(oneLine(daily!(1))).toContain('sum(abs(amount)), 1 ');
    expect(oneLine(daily!(2))).toContain('sum(abs(amount)), 2 ');
  });

  it('splits the clients so no statement nears ClickHouse’s 256 KiB limit, even with long ids', () => {
    const long = 'x'.repeat(20_000);
    const rows = Array.from({ length: 30 }, (_, i) => ({
      ...transaction(0),
      client_id: `${long}${i}`,
    }));
    const statements = rollupStatements(rows).map((statement) => statement(1));
    // Each id counts twice its 20,000-odd characters: two per batch, 15 batches of two statements.
    expect(statements).toHaveLength(30);
    for (const text of statements) expect(text.length).toBeLessThan(2 * CLIENT_TEXT_PER_STATEMENT);
    const named = statements
      .filter((text) => text.startsWith('INSERT INTO banking_daily'))
      .flatMap((text) => [...text.matchAll(/'x+(\d+)'/g)].map((m) => Number(m[1])));
    expect(named).toEqual(rows.map((_, i) => i));
    expect(rollupStatements([])).toEqual([]);
  });
});
