import { type StartGroup, type SessionSpan } from './ev.store';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export const round4 = (n: number): number => Math.round(n * 10_000) / 10_000;

/**
 * Milliseconds of hour-of-day `hour` (UTC) in `[0, t)`: each whole day holds one hour of it, and
 * the last, partial day holds what of that hour it reached. The time of the hour in `[a, b)` is
 * then `hourTimeBefore(b) - hourTimeBefore(a)`, without walking the days in between.
 */
export function hourTimeBefore(t: number, hour: number): number {
  const days = Math.floor(t / DAY_MS);
  const intoDay = t - days * DAY_MS;
  return days * HOUR_MS + Math.min(Math.max(intoDay - hour * HOUR_MS, 0), HOUR_MS);
}

/**
 * When at least one session was in progress, as disjoint `[start, end)` intervals in ms, each
 * clipped to the window's end (sessions all start inside the window). Overlapping sessions — a
 * charger with several connectors, or a session recorded twice — make the charger busy once.
 */
export function busyIntervals(spans: readonly SessionSpan[], toMs: number): [number, number][] {
  const intervals = spans
    .map((s): [number, number] => [s.start_s * 1000, Math.min(s.end_s * 1000, toMs)])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of intervals) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface HourOfDay {
  hour: number;
  sessions: number;
  energy_kwh: number;
  busy_minutes: number;
  utilisation: number | null;
}

export interface Weekday {
  weekday: number;
  sessions: number;
  energy_kwh: number;
}

/**
 * The analytics of one charger's sessions that started in `[fromMs, toMs)`, from the counts per
 * (hour, weekday) of their start and the spans of those that ended.
 */
export function summarise(
  groups: readonly StartGroup[],
  spans: readonly SessionSpan[],
  fromMs: number,
  toMs: number,
) {
  const hours: HourOfDay[] = Array.from({ length: 24 }, (_, hour) => ({
    hour,
    sessions: 0,
    energy_kwh: 0,
    busy_minutes: 0,
    utilisation: null,
  }));
  const weekdays: Weekday[] = Array.from({ length: 7 }, (_, i) => ({
    weekday: i + 1,
    sessions: 0,
    energy_kwh: 0,
  }));
  let sessions = 0;
  let energy = 0;
  let firstS: number | null = null;
  let lastS: number | null = null;
  for (const group of groups) {
    sessions += group.sessions;
    energy += group.energy_kwh;
    hours[group.hour]!.sessions += group.sessions;
    hours[group.hour]!.energy_kwh += group.energy_kwh;
    weekdays[group.weekday - 1]!.sessions += group.sessions;
    weekdays[group.weekday - 1]!.energy_kwh += group.energy_kwh;
    firstS = firstS === null ? group.first_s : Math.min(firstS, group.first_s);
    lastS = lastS === null ? group.last_s : Math.max(lastS, group.last_s);
  }

  const busy = busyIntervals(spans, toMs);
  for (const entry of hours) {
    const available = hourTimeBefore(toMs, entry.hour) - hourTimeBefore(fromMs, entry.hour);
    const busyMs = busy.reduce(
      (sum, [start, end]) =>
        sum + hourTimeBefore(end, entry.hour) - hourTimeBefore(start, entry.hour),
      0,
    );
    entry.energy_kwh = round4(entry.energy_kwh);
    entry.busy_minutes = round4(busyMs / 60_000);
    entry.utilisation = available > 0 ? round4(busyMs / available) : null;
  }
  for (const entry of weekdays) entry.energy_kwh = round4(entry.energy_kwh);

  // Measured: sessions that ended, and not before they started (an end before the start is a
  // data error, not a negative duration).
  const minutes = spans
    .filter((s) => s.end_s >= s.start_s)
    .map((s) => (s.end_s - s.start_s) / 60)
    .sort((a, b) => a - b);
  const average =
    minutes.length > 0 ? minutes.reduce((sum, m) => sum + m, 0) / minutes.length : null;
  const middle = median(minutes);

  return {
    sessions,
    energy_kwh: round4(energy),
    duration_minutes: {
      sessions: minutes.length,
      average: average === null ? null : round4(average),
      median: middle === null ? null : round4(middle),
    },
    by_hour_of_day: hours,
    by_weekday: weekdays,
    first_session_at: firstS === null ? null : new Date(firstS * 1000).toISOString(),
    last_session_at: lastS === null ? null : new Date(lastS * 1000).toISOString(),
  };
}
