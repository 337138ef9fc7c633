import { exactSummary } from '@tributary/testing';
import { type AggregateFilter, type ReadingFilter } from './readings.store';

const row = (
  reading_id: string,
  sensor_id: string,
  ts: string,
  ts_ms: number,
  version: number,
  temperature: number | null,
  pressure: number | null,
  metrics: Record<string, number> = {},
) => ({
  sensor_id,
  ts,
  ts_ms,
  reading_id,
  version,
  temperature,
  pressure,
  humidity: null,
  metric_names: Object.keys(metrics),
  metric_values: Object.values(metrics),
  event_id: `${reading_id}-v${version}`,
  source_kind: 'http',
  ingested_at: '2026-11-22 12:00:00',
  client_id: null as string | null,
});

/**
 * Rows as the projector writes them: r2 in two versions (the correction, version 5, moves its
 * temperature out of the 10–20 range), r4 at the same second as r3 but later milliseconds, r3
 * recorded with its client's id.
 */
export const READING_ROWS = [
  row('r1', 'sensor-a', '2026-11-20 10:00:00', 0, 1, 12, 1000),
  row('r2', 'sensor-a', '2026-11-20 10:30:00', 500, 1, 15, null),
  row('r2', 'sensor-a', '2026-11-20 10:30:00', 500, 5, 25, null),
  {
    ...row('r3', 'sensor-b', '2026-11-20 10:30:00', 0, 1, 18, 990, { co2_ppm: 600 }),
    client_id: 'dev-3',
  },
  row('r4', 'sensor-b', '2026-11-20 10:30:00', 999, 1, null, 1010),
  row('r5', 'sensor-a', '2026-11-21 08:00:00', 0, 1, 30, null),
];

const ms = (iso: string) => Date.parse(iso);

const reading = (
  id: string,
  sensorId: string,
  iso: string,
  version: number,
  temperature: number | null,
  pressure: number | null,
  metrics: Record<string, number> = {},
) => ({
  id,
  sensorId,
  timestampMs: ms(iso),
  temperature,
  pressure,
  humidity: null,
  metrics,
  version,
  clientId: null as string | null,
});

export const EXPECTED = {
  r1: reading('r1', 'sensor-a', '2026-11-20T10:00:00.000Z', 1, 12, 1000),
  r2: reading('r2', 'sensor-a', '2026-11-20T10:30:00.500Z', 5, 25, null),
  r3: {
    ...reading('r3', 'sensor-b', '2026-11-20T10:30:00.000Z', 1, 18, 990, { co2_ppm: 600 }),
    clientId: 'dev-3',
  },
  r4: reading('r4', 'sensor-b', '2026-11-20T10:30:00.999Z', 1, null, 1010),
  r5: reading('r5', 'sensor-a', '2026-11-21T08:00:00.000Z', 1, 30, null),
};

/** Each list query, and the ids it must return in order. */
export const LIST_CASES: { name: string; filter: ReadingFilter; ids: string[] }[] = [
  {
    name: 'everything, by time then sensor then id',
    filter: {},
    ids: ['r1', 'r3', 'r2', 'r4', 'r5'],
  },
  { name: 'one sensor', filter: { sensorId: 'sensor-b' }, ids: ['r3', 'r4'] },
  {
    name: 'the corrected value is what a range filter sees',
    filter: { minTemperature: 10, maxTemperature: 20 },
    ids: ['r1', 'r3'],
  },
  { name: 'pressure range', filter: { minPressure: 995, maxPressure: 1010 }, ids: ['r1', 'r4'] },
  {
    name: 'from is inclusive and to exclusive, to the millisecond',
    filter: { fromMs: ms('2026-11-20T10:30:00.500Z'), toMs: ms('2026-11-20T10:30:00.999Z') },
    ids: ['r2'],
  },
];

const minuteRow = (
  sensor_id: string,
  minute: string,
  readings: number,
  t: number[],
  p: number[],
  version: number,
) => ({
  sensor_id,
  minute,
  reading_count: readings,
  temperature_values: t,
  pressure_values: p,
  humidity_values: [],
  computed_version: version,
});

/**
 * Minutes as the projector writes them (each minute's values, sorted): a bucket's figures are
 * merged from its minutes, and the stale first computation of a minute must not show.
 */
export const MINUTE_ROWS = [
  minuteRow('sensor-a', '2026-11-20 10:03:00', 2, [12, 15], [1000], 1),
  minuteRow('sensor-a', '2026-11-20 10:03:00', 1, [12], [1000], 2),
  minuteRow('sensor-a', '2026-11-20 10:40:00', 1, [25], [], 2),
  minuteRow('sensor-a', '2026-11-21 08:10:00', 1, [30], [], 2),
  minuteRow('sensor-b', '2026-11-20 10:00:00', 1, [18], [990], 2),
  minuteRow('sensor-b', '2026-11-20 10:59:00', 1, [], [1010], 2),
];

const bucket = (sensorId: string, iso: string, readings: number, t: number[], p: number[]) => ({
  sensorId,
  bucketStartMs: ms(iso),
  readings,
  temperature: exactSummary(t),
  pressure: exactSummary(p),
  humidity: exactSummary([]),
});

export const AGGREGATE_CASES: { name: string; filter: AggregateFilter; expected: unknown[] }[] = [
  {
    name: 'hourly, newest computation of each bucket, by sensor then time',
    filter: { interval: 'hour' },
    expected: [
      bucket('sensor-a', '2026-11-20T10:00:00Z', 2, [12, 25], [1000]),
      bucket('sensor-a', '2026-11-21T08:00:00Z', 1, [30], []),
      bucket('sensor-b', '2026-11-20T10:00:00Z', 2, [18], [990, 1010]),
    ],
  },
  {
    name: 'daily buckets starting in [from, to)',
    filter: {
      interval: 'day',
      fromMs: ms('2026-11-20T00:00:00Z'),
      toMs: ms('2026-11-21T00:00:00Z'),
    },
    expected: [
      bucket('sensor-a', '2026-11-20T00:00:00Z', 2, [12, 25], [1000]),
      bucket('sensor-b', '2026-11-20T00:00:00Z', 2, [18], [990, 1010]),
    ],
  },
  {
    name: 'hourly for one sensor, a bucket starting before from is left out',
    filter: { interval: 'hour', sensorId: 'sensor-a', fromMs: ms('2026-11-20T10:00:01Z') },
    expected: [bucket('sensor-a', '2026-11-21T08:00:00Z', 1, [30], [])],
  },
];
