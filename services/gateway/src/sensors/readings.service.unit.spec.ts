import { readingIdFor } from '@tributary/contracts';
import { ProblemException } from '../http/problem';
import { ReadingsService } from './readings.service';
import { type ReadingsStore, type StoredReading } from './readings.store';
import {
  SensorIngestFailure,
  SensorIngestUnreachable,
  type SensorIngest,
} from './sensor-ingest.port';

const stored: StoredReading = {
  id: 'r-1',
  sensorId: 's-1',
  timestampMs: Date.parse('2026-11-20T10:00:00.250Z'),
  temperature: 20,
  pressure: null,
  humidity: 40,
  metrics: {},
  version: 7,
  clientId: null,
};

/** A reading recorded with the client's own id `dev:42`: its id is derived as sensor-ingest derives it. */
const withClientId: StoredReading = {
  ...stored,
  id: readingIdFor('s-2', 'dev:42'),
  sensorId: 's-2',
  version: 1,
  clientId: 'dev:42',
};

const store: ReadingsStore = {
  list: () => Promise.resolve([]),
  get: (id) => Promise.resolve([stored, withClientId].find((r) => r.id === id)),
  aggregates: () => Promise.resolve([]),
};

function serviceWith(ingest: Partial<SensorIngest>) {
  const port: SensorIngest = {
    record: () => Promise.reject(new Error('unexpected record')),
    correct: () => Promise.reject(new Error('unexpected correct')),
    ...ingest,
  };
  return new ReadingsService(port, store);
}

async function problemOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemException) {
      return {
        slug: error.slug,
        detail: error.detail,
        headers: error.headers,
        errors: error.extras.errors,
      };
    }
    throw error;
  }
  throw new Error('expected a problem');
}

const reading = { sensor_id: 's-1', timestamp: '2026-11-20T10:00:00Z', temperature: 20 };

describe('ReadingsService', () => {
  it('validates once and sends sensor-ingest the readings normalised, in the order sent', async () => {
    const sent: unknown[] = [];
    const service = serviceWith({
      record: (command) => {
        sent.push(command);
        return Promise.resolve({ accepted: command.readings.length, ids: ['a', 'b'] });
      },
    });
    const reply = await service.record(
      {
        readings: [
          reading,
          {
            id: 'dev-1:7',
            sensor_id: 's-2',
            timestamp: '2026-11-20T11:00:00.500+01:00',
            pressure: 990,
            humidity: 0,
            metrics: { co2_ppm: 412 },
          },
        ],
      },
      'req-3',
    );
    expect(reply).toEqual({ accepted: 2, ids: ['a', 'b'] });
    // 2026-11-20T10:00:00Z = 20,777 days after 1970-01-01 at 10:00 = 1,795,168,800,000 ms.
    expect(sent).toEqual([
      {
        trace_id: 'req-3',
        readings: [
          [null, 's-1', 1_795_168_800_000, 20, null, null, null],
          ['dev-1:7', 's-2', 1_795_168_800_500, null, 990, 0, { co2_ppm: 412 }],
        ],
      },
    ]);
  });

  it('answers 503 with Retry-After when Kafka did not acknowledge, or sensor-ingest is unreachable', async () => {
    const unavailable = serviceWith({
      record: () =>
        Promise.reject(new SensorIngestFailure({ code: 'EVENTS.UNAVAILABLE', message: 'timeout' })),
    });
    expect(await problemOf(unavailable.record(reading, 't'))).toEqual({
      slug: 'service-unavailable',
      detail:
        'Kafka did not acknowledge the readings in time; nothing is confirmed stored. Retry with the same ids.',
      headers: { 'Retry-After': '5' },
      errors: undefined,
    });
    const unreachable = serviceWith({
      record: () =>
        Promise.reject(new SensorIngestUnreachable('sensor-ingest did not answer within 15000 ms')),
    });
    expect(await problemOf(unreachable.record({ readings: [reading] }, 't'))).toMatchObject({
      slug: 'service-unavailable',
      headers: { 'Retry-After': '5' },
    });
  });

  it('passes sensor-ingest validation failures on as a 400 with their paths', async () => {
    const errors = [{ path: 'readings[0].sensor_id', message: 'unknown sensor' }];
    const invalid = serviceWith({
      record: () =>
        Promise.reject(
          new SensorIngestFailure({ code: 'READINGS.INVALID', message: 'invalid', errors }),
        ),
    });
    expect(await problemOf(invalid.record(reading, 't'))).toMatchObject({
      slug: 'validation-failed',
      errors,
    });
  });

  it('corrects from the stored reading: same sensor and time, the current version, values replaced', async () => {
    const sent: unknown[] = [];
    const service = serviceWith({
      correct: (command) => {
        sent.push(command);
        return Promise.resolve({ reading_id: command.reading_id, version: 1_800_000_000_000 });
      },
    });
    const view = await service.correct(
      'r-1',
      { temperature: 21.5, reason: 'recalibrated' },
      'trace-9',
    );
    expect(sent).toEqual([
      {
        reading_id: 'r-1',
        sensor_id: 's-1',
        timestamp: '2026-11-20T10:00:00.250Z',
        current_version: 7,
        client_id: null,
        temperature: 21.5,
        pressure: null,
        humidity: null,
        metrics: {},
        reason: 'recalibrated',
        trace_id: 'trace-9',
      },
    ]);
    expect(view).toEqual({
      id: 'r-1',
      sensor_id: 's-1',
      timestamp: '2026-11-20T10:00:00.250Z',
      temperature: 21.5,
      pressure: null,
      humidity: null,
      metrics: {},
      version: 1_800_000_000_000,
      client_id: null,
    });
    expect((await problemOf(service.correct('nope', { temperature: 1 }, 't'))).slug).toBe(
      'not-found',
    );
  });

  it('finds and corrects a reading of a sensor by the id its client sent, or by the server id', async () => {
    const sent: unknown[] = [];
    const service = serviceWith({
      correct: (command) => {
        sent.push(command);
        return Promise.resolve({ reading_id: command.reading_id, version: 99 });
      },
    });
    // The RFC 4122 v5 id of "s-2:dev:42" in the readings' namespace, computed with node:crypto.
    expect(withClientId.id).toBe('890b9361-e4dd-5e01-8806-5fcf717db698');
    const view = {
      id: withClientId.id,
      sensor_id: 's-2',
      timestamp: '2026-11-20T10:00:00.250Z',
      temperature: 20,
      pressure: null,
      humidity: 40,
      metrics: {},
      version: 1,
      client_id: 'dev:42',
    };
    expect(await service.one('s-2', 'dev:42')).toEqual(view);
    expect(await service.one('s-2', withClientId.id)).toEqual(view);
    expect(await service.correct('dev:42', { temperature: 19.5 }, 't-9', 's-2')).toEqual({
      ...view,
      temperature: 19.5,
      humidity: null,
      version: 99,
    });
    expect(sent).toEqual([
      {
        reading_id: withClientId.id,
        sensor_id: 's-2',
        timestamp: '2026-11-20T10:00:00.250Z',
        current_version: 1,
        // Carried on, so the correction keeps showing the client's id.
        client_id: 'dev:42',
        temperature: 19.5,
        pressure: null,
        humidity: null,
        metrics: {},
        reason: null,
        trace_id: 't-9',
      },
    ]);
  });

  it('answers 404 for a client id of another sensor, or a server id of another sensor', async () => {
    const service = serviceWith({});
    expect((await problemOf(service.one('s-1', 'dev:42'))).slug).toBe('not-found');
    expect((await problemOf(service.one('s-1', withClientId.id))).slug).toBe('not-found');
    const missing = await problemOf(service.correct('dev:43', { temperature: 1 }, 't', 's-2'));
    expect(missing.slug).toBe('not-found');
    expect(missing.detail).toBe(
      'sensor s-2 has no reading dev:43 (by the id it was recorded with or the id it was answered with); a reading shows once it is in GET /v1/sensors/s-2/readings',
    );
    // The route without the sensor takes only the server's id, as before.
    expect((await problemOf(service.correct('dev:42', { temperature: 1 }, 't'))).slug).toBe(
      'not-found',
    );
  });
});
