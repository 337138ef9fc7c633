import {
  KEY_TEXT_PER_QUERY,
  latestPerEvent,
  storedEventsQueries,
} from './banking.new-transactions';
import { transaction } from './banking.rollups.cases';

describe('latestPerEvent', () => {
  it('keeps one row per event id, the latest ingestion, the later row on a tie', () => {
    const first = transaction(0, '2031-05-01T00:00:00Z');
    const later = transaction(0, '2031-05-02T00:00:00Z');
    const tie = { ...transaction(0, '2031-05-02T00:00:00Z'), row_number: 99 };
    const other = transaction(1);
    expect(latestPerEvent([first, later, other, tie, first])).toEqual([tie, other]);
  });
});

describe('storedEventsQueries', () => {
  it('asks for the keys of every row, bounded by clients and dates', () => {
    const [query] = storedEventsQueries([transaction(0), transaction(7), transaction(2)]);
    expect(query!.text.replace(/\s+/g, ' ')).toBe(
      "SELECT event_id FROM banking_transactions WHERE client_id IN ('c-a', 'c-b') " +
        "AND transaction_date >= toDateTime('2031-03-03 09:00:00', 'UTC') " +
        "AND transaction_date <= toDateTime('2031-03-03 23:59:59', 'UTC') " +
        'AND (client_id, transaction_date, event_id) IN (' +
        "('c-a', toDateTime('2031-03-03 09:00:00', 'UTC'), '00000000-0000-4000-8b00-000000000000'), " +
        "('c-b', toDateTime('2031-03-03 10:00:00', 'UTC'), '00000000-0000-4000-8b00-000000000007'), " +
        "('c-a', toDateTime('2031-03-03 23:59:59', 'UTC'), '00000000-0000-4000-8b00-000000000002'))",
    );
  });

  it('splits the keys so no statement nears ClickHouse 256 KiB limit, even with long client ids', () => {
    const long = 'x'.repeat(20_000);
    const rows = Array.from({ length: 30 }, (_, i) => ({
      ...transaction(0),
      client_id: `${long}${i}`,
      event_id: `e-${i}`,
    }));
    const queries = storedEventsQueries(rows);
    expect(queries.length).toBeGreaterThan(1);
    for (const query of queries) expect(query.text.length).toBeLessThan(2 * KEY_TEXT_PER_QUERY);
    const asked = queries.flatMap((q) => [...q.text.matchAll(/'(e-\d+)'\)/g)].map((m) => m[1]));
    expect(asked).toEqual(rows.map((row) => row.event_id));
    expect(storedEventsQueries([])).toEqual([]);
  });
});
