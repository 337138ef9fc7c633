import { statementGroups, WINDOW_MS } from './telemetry.clickhouse-store';

describe('statementGroups', () => {
  const m = (sensor_id: string, start: string) => ({ sensor_id, start });

  it('groups minutes in time order, each group spanning less than the window', () => {
    expect(WINDOW_MS).toBe(600_000);
    const groups = statementGroups([
      m('b', '2026-11-22 10:09:00'),
      m('a', '2026-11-22 10:00:00'),
      m('a', '2026-11-22 10:10:00'),
      m('b', '2026-11-22 10:00:00'),
      // A late reading of another day: a group of its own, not a window stretched over a month.
      m('c', '2026-10-01 08:30:00'),
    ]);
    expect(groups).toEqual([
      [m('c', '2026-10-01 08:30:00')],
      [m('a', '2026-11-22 10:00:00'), m('b', '2026-11-22 10:00:00'), m('b', '2026-11-22 10:09:00')],
      [m('a', '2026-11-22 10:10:00')],
    ]);
  });

  it('starts a new group before its sensor ids pass the query size budget', () => {
    // 2,000 sensors of 128 characters in one minute: 132 characters each against 100,000.
    const sensors = Array.from({ length: 2_000 }, (_, i) => String(i).padStart(128, 's'));
    const groups = statementGroups(sensors.map((id) => m(id, '2026-11-22 10:00:00')));
    expect(groups.map((g) => g.length)).toEqual([757, 757, 486]);
  });
});
