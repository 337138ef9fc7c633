import { type DatasetRow } from './dataset-projections';
import { PARTITIONS_PER_INSERT, partitionGroups } from './datasets.clickhouse-store';

const month = (i: number) => {
  const d = new Date(Date.UTC(2000, i, 1));
  return `${d.toISOString().slice(0, 10)} 00:00:00`;
};

describe('partitionGroups', () => {
  it('leaves a table without partitions in one insert', () => {
    const rows = [{ user_id: 'a' }, { user_id: 'b' }];
    expect(partitionGroups('ev_users', rows)).toEqual([rows]);
  });

  it('splits rows of a monthly table so no insert touches more than PARTITIONS_PER_INSERT months', () => {
    const rows: DatasetRow[] = [];
    // 120 months, each twice, interleaved: 240 rows.
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 120; i++) rows.push({ transaction_date: month(i), round });
    }
    const groups = partitionGroups('banking_transactions', rows);
    const monthsOf = (group: DatasetRow[]) =>
      new Set(group.map((r) => (r as { transaction_date: string }).transaction_date.slice(0, 7)));
    expect(groups.map((g) => [g.length, monthsOf(g).size])).toEqual([
      [100, PARTITIONS_PER_INSERT],
      [100, PARTITIONS_PER_INSERT],
      [40, 20],
    ]);
    // Each month's rows stay in their order, in one group.
    expect(groups[0]!.slice(0, 2)).toEqual([
      { transaction_date: '2000-01-01 00:00:00', round: 0 },
      { transaction_date: '2000-01-01 00:00:00', round: 1 },
    ]);
  });

  it('partitions ev_transactions by the month of start_time', () => {
    const rows = Array.from({ length: 51 }, (_, i) => ({ start_time: month(i) }));
    expect(partitionGroups('ev_transactions', rows).map((g) => g.length)).toEqual([50, 1]);
  });
});
