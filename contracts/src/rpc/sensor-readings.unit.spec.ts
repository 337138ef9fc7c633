import {
  describeIssues,
  readingInputSchema,
  readingsBatchSchema,
  recordReadingsCommandProblems,
  validatedReading,
} from './sensor-readings';

const ok = { sensor_id: 'greenhouse-7', timestamp: '2026-11-22T10:00:00Z', temperature: 21.5 };

function problems(readings: unknown[]) {
  const result = readingsBatchSchema.safeParse({ readings });
  return result.success ? [] : describeIssues(result.error);
}

describe('readingsBatchSchema', () => {
  it('accepts readings with any one metric and optional extras', () => {
    expect(
      problems([
        ok,
        {
          sensor_id: 's-2',
          timestamp: '2026-11-22T11:00:00.250+01:00',
          humidity: 0,
          metrics: { battery_v: 3.6 },
        },
        { id: 'client-1', sensor_id: 's-3', timestamp: '2026-11-22T10:00:00Z', pressure: 1013 },
      ]),
    ).toEqual([]);
  });

  it('names every invalid item by index and field', () => {
    expect(
      problems([
        ok,
        { sensor_id: '', timestamp: '2026-11-22', temperature: 'warm' },
        { sensor_id: 's', timestamp: '2026-11-22T10:00:00Z' },
        { ...ok, humidity: 140, metrics: { BatteryV: 1 }, colour: 'red' },
      ]),
    ).toEqual([
      { path: 'readings[1].sensor_id', message: 'must be 1 to 128 letters, digits or . _ : -' },
      { path: 'readings[1].timestamp', message: 'must be an ISO-8601 date-time with a time zone' },
      {
        path: 'readings[1].temperature',
        message: 'Invalid input: expected number, received string',
      },
      {
        path: 'readings[2].temperature',
        message: 'at least one of temperature, pressure, humidity is required',
      },
      { path: 'readings[3].humidity', message: 'must be between 0 and 100' },
      { path: 'readings[3].metrics.BatteryV', message: 'metric names are snake_case' },
      { path: 'readings[3].colour', message: 'is not a known field' },
    ]);
  });

  it('refuses an empty batch and one over 10,000 readings', () => {
    expect(problems([])).toEqual([
      { path: 'readings', message: 'Too small: expected array to have >=1 items' },
    ]);
    expect(problems(Array.from({ length: 10_001 }, () => ok))).toEqual([
      { path: 'readings', message: 'Too big: expected array to have <=10000 items' },
    ]);
  });
});

describe('validatedReading', () => {
  it('turns a checked reading into the tuple sensor-ingest trusts, its time in epoch ms', () => {
    const full = readingInputSchema.parse({
      id: 'client-1',
      sensor_id: 's-2',
      timestamp: '2026-11-22T11:00:00.250+01:00',
      temperature: -3.5,
      humidity: 0,
      metrics: { battery_v: 3.6 },
    });
    // 2026-11-22T10:00:00.250Z: 20,779 days after 1970-01-01 = 1,795,305,600 s, + 10 h, + 250 ms.
    expect(validatedReading(full)).toEqual([
      'client-1',
      's-2',
      1_795_341_600_250,
      -3.5,
      null,
      0,
      { battery_v: 3.6 },
    ]);
    expect(validatedReading(readingInputSchema.parse(ok))).toEqual([
      null,
      'greenhouse-7',
      1_795_341_600_000,
      21.5,
      null,
      null,
      null,
    ]);
  });
});

describe('recordReadingsCommandProblems', () => {
  const reading = ['k-1', 's-1', 1_795_341_600_000, 21.5, null, null, { co2_ppm: 400 }];

  it('finds nothing wrong with what the gateway sends', () => {
    expect(recordReadingsCommandProblems({ readings: [reading], trace_id: 'req-1' })).toEqual([]);
    expect(recordReadingsCommandProblems({ readings: [reading], trace_id: null })).toEqual([]);
  });

  it('names each reading of the wrong shape, and a wrong trace id or list', () => {
    expect(
      recordReadingsCommandProblems({
        trace_id: 7,
        readings: [
          reading,
          { sensor_id: 's-1', timestamp: '2026-11-22T10:00:00Z', temperature: 1 },
          ['k-2', 's-1', '2026-11-22T10:00:00Z', 21.5, null, null, null],
          reading.slice(0, 6),
          [null, 's-1', 1_795_341_600_000, '21.5', null, null, null],
          [null, 's-1', 1_795_341_600_000, 21.5, null, null, []],
        ],
      }),
    ).toEqual([
      { path: 'trace_id', message: 'must be a string or null' },
      ...[1, 2, 3, 4, 5].map((i) => ({
        path: `readings[${i}]`,
        message: 'must be [id, sensor_id, timestamp_ms, temperature, pressure, humidity, metrics]',
      })),
    ]);
    expect(recordReadingsCommandProblems({ readings: [], trace_id: null })).toEqual([
      { path: 'readings', message: 'must be 1 to 10000 readings' },
    ]);
    expect(recordReadingsCommandProblems('readings')).toEqual([
      { path: '', message: 'must be {readings, trace_id}' },
    ]);
  });
});
