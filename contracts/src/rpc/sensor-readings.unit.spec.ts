import { describeIssues, recordReadingsCommandSchema } from './sensor-readings';

const ok = { sensor_id: 'greenhouse-7', timestamp: '2026-11-22T10:00:00Z', temperature: 21.5 };

function problems(readings: unknown[]) {
  const result = recordReadingsCommandSchema.safeParse({ readings, trace_id: null });
  return result.success ? [] : describeIssues(result.error);
}

describe('recordReadingsCommandSchema', () => {
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
