import { VALID_EVENTS } from '@tributary/contracts';
import { readingRow, TouchedMinutes } from './reading.projection';

describe('readingRow', () => {
  it('maps a recorded reading, keeping milliseconds and sorting metrics by name', () => {
    const event = {
      ...VALID_EVENTS['telemetry.readings'],
      timestamp: new Date('2026-11-22T10:59:59.250Z'),
      metrics: { rssi_dbm: -71, battery_v: 3.61 },
    };
    expect(readingRow(event)).toEqual({
      sensor_id: 'greenhouse-7',
      ts: new Date('2026-11-22T10:59:59.250Z'),
      ts_ms: 250,
      reading_id: '00000000-0000-4000-8000-000000000001',
      version: 1,
      temperature: 21.5,
      pressure: 1013.25,
      humidity: null,
      metric_names: ['battery_v', 'rssi_dbm'],
      metric_values: [3.61, -71],
      event_id: '00000000-0000-4000-8000-000000000001',
      source_kind: 'http',
      ingested_at: new Date('2026-11-22T10:00:01.500Z'),
      client_id: 'gh7-000001',
    });
  });

  it('maps a correction onto the same reading with its higher version', () => {
    const row = readingRow(VALID_EVENTS['telemetry.readings-corrected']);
    expect([row.reading_id, row.version, row.temperature, row.event_id]).toEqual([
      '00000000-0000-4000-8000-000000000001',
      2,
      12.5,
      '00000000-0000-4000-8000-000000000002',
    ]);
  });
});

describe('TouchedMinutes', () => {
  it('holds each sensor’s minutes once: listed by sensor then time, or by minute in time order', () => {
    const at = (sensor: string, iso: string) =>
      readingRow({
        ...VALID_EVENTS['telemetry.readings'],
        sensor_id: sensor,
        timestamp: new Date(iso),
      });
    const rows = [
      at('b', '2026-11-22T23:59:59.999Z'),
      at('a', '2026-11-22T10:05:00Z'),
      at('a', '2026-11-22T10:05:59.500Z'),
      at('a', '2026-11-22T10:55:00Z'),
      at('b', '2026-11-23T00:00:00Z'),
    ];
    const touched = TouchedMinutes.of(rows);
    expect(touched.minutes()).toEqual([
      { sensor_id: 'a', start: '2026-11-22 10:05:00' },
      { sensor_id: 'a', start: '2026-11-22 10:55:00' },
      { sensor_id: 'b', start: '2026-11-22 23:59:00' },
      { sensor_id: 'b', start: '2026-11-23 00:00:00' },
    ]);
    touched.merge(
      TouchedMinutes.of([at('c', '2026-11-22T10:05:30Z'), at('a', '2026-11-22T10:05:01Z')]),
    );
    expect(touched.byTime()).toEqual([
      ['2026-11-22 10:05:00', new Set(['a', 'c'])],
      ['2026-11-22 10:55:00', new Set(['a'])],
      ['2026-11-22 23:59:00', new Set(['b'])],
      ['2026-11-23 00:00:00', new Set(['b'])],
    ]);
    expect(new TouchedMinutes().empty).toBe(true);
    expect(touched.empty).toBe(false);
  });
});
