import { TouchedMinutes } from './reading.projection';
import { statementGroups, WINDOW_MS } from './telemetry.clickhouse-store';

describe('statementGroups', () => {
  const m = (sensor_id: string, start: string) => ({ sensor_id, start });
  const ms = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);

  it('groups minutes in time order, each group spanning less than the window', () => {
    expect(WINDOW_MS).toBe(600_000);
    const groups = statementGroups(
      TouchedMinutes.list([
        m('b', '2026-11-22 10:09:00'),
        m('a', '2026-11-22 10:00:00'),
        m('a', '2026-11-22 10:10:00'),
        m('b', '2026-11-22 10:00:00'),
        // A late reading of another day: a group of its own, not a window stretched over a month.
        m('c', '2026-10-01 08:30:00'),
      ]),
    );
    expect(groups).toEqual([
      { fromMs: ms('2026-10-01 08:30:00'), untilMs: ms('2026-10-01 08:31:00'), sensors: ['c'] },
      {
        fromMs: ms('2026-11-22 10:00:00'),
        untilMs: ms('2026-11-22 10:10:00'),
        sensors: ['a', 'b'],
      },
      { fromMs: ms('2026-11-22 10:10:00'), untilMs: ms('2026-11-22 10:11:00'), sensors: ['a'] },
    ]);
  });

  it('starts a new group before its sensor ids pass the query size budget', () => {
    // 2,000 sensors of 128 characters in one minute: 132 characters each against 100,000.
    const sensors = Array.from({ length: 2_000 }, (_, i) => String(i).padStart(128, 's'));
    const groups = statementGroups(
      TouchedMinutes.list(sensors.map((id) => m(id, '2026-11-22 10:00:00'))),
    );
    expect(groups.map((g) => g.sensors.length)).toEqual([757, 757, 486]);
    expect(new Set(groups.flatMap((g) => g.sensors)).size).toBe(2_000);
  });

  it('keeps in a group closed for its size the minute its sensors were touched in', () => {
    // 700 sensors at 10:00, then the same 700 and 100 more at 10:01: the budget closes the first
    // group during 10:01, after its 700 sensors' readings of 10:01, which it must still cover.
    const ids = Array.from({ length: 800 }, (_, i) => String(i).padStart(128, 's'));
    const groups = statementGroups(
      TouchedMinutes.list([
        ...ids.slice(0, 700).map((id) => m(id, '2026-11-22 10:00:00')),
        ...ids.map((id) => m(id, '2026-11-22 10:01:00')),
      ]),
    );
    expect(groups.map((g) => [g.sensors.length, g.fromMs, g.untilMs])).toEqual([
      [757, ms('2026-11-22 10:00:00'), ms('2026-11-22 10:02:00')],
      [43, ms('2026-11-22 10:01:00'), ms('2026-11-22 10:02:00')],
    ]);
  });
});
