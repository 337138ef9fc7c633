import { VALID_EVENTS, type TributaryTelemetry } from '@tributary/contracts';
import { rollupColumns, type RollupInterval } from '@tributary/read-models';
import { type ReadingRow } from './reading.projection';

/**
 * Three readings of one sensor over two hours, and a correction of the second, with the rollups
 * they must produce computed here by hand — shared by the test against ClickHouse 18.16 and the
 * conformance test against current ClickHouse (chDB), so both engines are held to one answer.
 */
export function telemetryScenario(sensor: string) {
  type Reading = TributaryTelemetry.SensorReadingRecorded;
  const reading = (n: number, at: string, values: Partial<Reading>): Reading => {
    const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    return {
      ...VALID_EVENTS['telemetry.readings'],
      metadata: { ...VALID_EVENTS['telemetry.readings'].metadata, event_id: id },
      reading_id: id,
      sensor_id: sensor,
      timestamp: new Date(at),
      temperature: null,
      pressure: null,
      humidity: null,
      metrics: {},
      ...values,
    };
  };
  const r1 = reading(1, '2026-11-22T10:15:00.000Z', { temperature: 20, pressure: 1000 });
  const r2 = reading(2, '2026-11-22T10:45:00.500Z', {
    temperature: 22,
    pressure: 1010,
    humidity: 40,
  });
  const r3 = reading(3, '2026-11-22T11:05:00.000Z', { temperature: 25, humidity: 50 });
  const r2corrected: TributaryTelemetry.SensorReadingCorrected = {
    ...r2,
    metadata: { ...r2.metadata, event_id: '00000000-0000-4000-8000-000000000099' },
    temperature: 30,
    version: 2,
    reason: 'recalibrated',
  };

  const expectedReadings = [
    {
      reading_id: r1.reading_id,
      ts: '2026-11-22 10:15:00',
      ts_ms: 0,
      version: 1,
      temperature: 20,
      pressure: 1000,
      humidity: null,
    },
    {
      reading_id: r2.reading_id,
      ts: '2026-11-22 10:45:00',
      ts_ms: 500,
      version: 2,
      temperature: 30,
      pressure: 1010,
      humidity: 40,
    },
    {
      reading_id: r3.reading_id,
      ts: '2026-11-22 11:05:00',
      ts_ms: 0,
      version: 1,
      temperature: 25,
      pressure: null,
      humidity: 50,
    },
  ];

  // Percentiles follow ClickHouse's quantileExact: the element at index floor(level × n) of the
  // sorted values. A metric with no values has count 0 and NULL statistics.
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (level: number) =>
      sorted.length ? sorted[Math.floor(level * sorted.length)]! : null;
    return {
      count: values.length,
      min: sorted.length ? sorted[0] : null,
      max: sorted.length ? sorted[sorted.length - 1] : null,
      avg: sorted.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
      p50: at(0.5),
      p95: at(0.95),
    };
  };
  const bucket = (start: string, readings: number, t: number[], p: number[], h: number[]) => {
    const out: Record<string, unknown> = { bucket: start, readings };
    for (const [name, values] of [
      ['temperature', t],
      ['pressure', p],
      ['humidity', h],
    ] as const) {
      for (const [stat, value] of Object.entries(stats(values))) out[`${name}_${stat}`] = value;
    }
    return out;
  };

  return {
    r1,
    r2,
    r3,
    r2corrected,
    expectedReadings,
    expectedHourly: [
      bucket('2026-11-22 10:00:00', 2, [20, 30], [1000, 1010], [40]),
      bucket('2026-11-22 11:00:00', 1, [25], [], [50]),
    ],
    expectedDaily: [bucket('2026-11-22', 3, [20, 30, 25], [1000, 1010], [40, 50])],
  };
}

export const READINGS_QUERY = `SELECT reading_id, toString(ts) AS ts, ts_ms, version, temperature, pressure, humidity
  FROM telemetry_readings FINAL ORDER BY ts`;

/** The scenario's one sensor's rollups, read as the gateway reads them (read-models' rollupColumns). */
const rollupQuery = (interval: RollupInterval) =>
  `SELECT toString(bucket) AS bucket, readings,
     temperature_count, temperature_min, temperature_max, temperature_avg, temperature_p50, temperature_p95,
     pressure_count, pressure_min, pressure_max, pressure_avg, pressure_p50, pressure_p95,
     humidity_count, humidity_min, humidity_max, humidity_avg, humidity_p50, humidity_p95
   FROM (SELECT ${rollupColumns(interval)} FROM telemetry_minutes FINAL GROUP BY sensor_id, bucket)
   ORDER BY bucket`;

export const HOURLY_QUERY = rollupQuery('hour');
export const DAILY_QUERY = rollupQuery('day');

/**
 * Readings of two sensors (`<prefix>-a`, `<prefix>-b`) over two minutes, minute after minute but
 * out of order within each, with missing values, and the minutes they make, counted and sorted here by hand: what the
 * projector computes from a batch alone must be what recomputing from the table gives.
 */
export function newMinutesScenario(prefix: string) {
  const reading = (
    sensor: string,
    at: string,
    temperature: number | null,
    humidity: number | null,
    i: number,
  ): ReadingRow => ({
    sensor_id: `${prefix}-${sensor}`,
    ts: new Date(at),
    ts_ms: new Date(at).getUTCMilliseconds(),
    reading_id: `${prefix}-${i}`,
    version: 1,
    temperature,
    pressure: null,
    humidity,
    metric_names: [],
    metric_values: [],
    event_id: `${prefix}-e-${i}`,
    source_kind: 'file',
    ingested_at: new Date('2026-11-23T00:00:00Z'),
    client_id: null,
  });
  const rows = [
    reading('a', '2026-11-22T10:00:59.999Z', 7, 50, 1),
    reading('b', '2026-11-22T10:00:00.000Z', null, null, 2),
    reading('a', '2026-11-22T10:00:05.000Z', -1.25, null, 3),
    reading('a', '2026-11-22T10:01:30.000Z', 2, null, 4),
    reading('a', '2026-11-22T10:01:59.900Z', 4.5, 40, 5),
    reading('a', '2026-11-22T10:01:00.000Z', 2, 35, 6),
  ];
  const expected = [
    { sensor_id: `${prefix}-a`, minute: '2026-11-22 10:00:00', n: 2, t: [-1.25, 7], h: [50] },
    { sensor_id: `${prefix}-a`, minute: '2026-11-22 10:01:00', n: 3, t: [2, 2, 4.5], h: [35, 40] },
    { sensor_id: `${prefix}-b`, minute: '2026-11-22 10:00:00', n: 1, t: [], h: [] },
  ];
  return { rows, expected };
}

/** The minutes of `newMinutesScenario(prefix)` as both engines print them. */
export const NEW_MINUTES_QUERY = (prefix: string) =>
  `SELECT sensor_id, toString(minute) AS minute, reading_count AS n, temperature_values AS t,
          humidity_values AS h, computed_version AS v
   FROM telemetry_minutes FINAL WHERE sensor_id LIKE '${prefix}-%' ORDER BY sensor_id, minute`;
