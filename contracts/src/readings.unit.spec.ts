import { readingInputSchema } from './rpc/sensor-readings';
import { readingProblems } from './readings';

describe('a reading’s rules, one for every path', () => {
  const reading = { sensor_id: 'greenhouse-7', timestamp: '2026-11-22T10:00:00Z' };

  it('accepts a reading at its bounds and refuses one past them, naming each field', () => {
    expect(
      readingProblems({ ...reading, temperature: -273.15, pressure: 0, humidity: 100 }),
    ).toEqual([]);
    expect(
      readingProblems({ ...reading, temperature: -273.16, pressure: 1e7 + 1, humidity: -0.1 }),
    ).toEqual([
      'temperature: must be between -273.15 and 1000000',
      'pressure: must be between 0 and 10000000',
      'humidity: must be between 0 and 100',
    ]);
    expect(readingProblems({ ...reading, temperature: Number.NaN })).toEqual([
      'temperature: must be between -273.15 and 1000000',
    ]);
  });

  it('refuses a sensor id a URL path could not carry, and a reading measuring nothing', () => {
    expect(readingProblems({ sensor_id: 'green house/7', humidity: 40 })).toEqual([
      'sensor_id: must be 1 to 128 letters, digits or . _ : -',
    ]);
    expect(readingProblems({ sensor_id: 'g-7', temperature: null })).toEqual([
      'temperature: at least one of temperature, pressure, humidity is required',
    ]);
  });

  it('is the rule the HTTP body is checked with', () => {
    const refused = readingInputSchema.safeParse({ ...reading, temperature: 1e6 + 1 });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'temperature: must be between -273.15 and 1000000',
    ]);
    expect(
      readingInputSchema.safeParse({ ...reading, sensor_id: 'green house/7', humidity: 1 }).error
        ?.issues[0]?.message,
    ).toBe('must be 1 to 128 letters, digits or . _ : -');
  });
});
