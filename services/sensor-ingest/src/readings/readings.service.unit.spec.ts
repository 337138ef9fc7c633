import {
  InvalidEventError,
  readingInputSchema,
  validatedReading,
  type Topic,
  type TopicEvents,
} from '@tributary/contracts';
import { EventBusUnavailableError, type EventBus } from '@tributary/platform';
import { ReadingsFailure, ReadingsService } from './readings.service';

/** An in-memory EventBus: records what was published, or fails like an unreachable Kafka. */
class RecordingBus implements EventBus {
  published: { topic: string; events: unknown[] }[] = [];
  down = false;
  refuses?: InvalidEventError;
  async publish<T extends Topic>(topic: T, events: readonly TopicEvents[T][]): Promise<void> {
    if (this.down) throw new EventBusUnavailableError('Kafka did not acknowledge within 5000 ms');
    if (this.refuses) throw this.refuses;
    this.published.push({ topic, events: [...events] });
  }
  async publishBatches<T extends Topic>(topic: T, events: readonly TopicEvents[T][]) {
    if (this.down) throw new EventBusUnavailableError('Kafka did not acknowledge within 5000 ms');
    this.published.push({ topic: `${topic}-batches`, events: [...events] });
  }
}

function service(bus: RecordingBus, batches = false) {
  let n = 0;
  return new ReadingsService(
    bus,
    () => new Date('2026-11-22T12:00:00.000Z'),
    () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    batches,
  );
}

/** What the gateway sends: readings it validated, as the contract's tuples. */
const validated = (...readings: unknown[]) =>
  readings.map((r) => validatedReading(readingInputSchema.parse(r)));

describe('ReadingsService', () => {
  it('publishes a request’s readings as batches when told to, the same events either way', async () => {
    const request = {
      trace_id: 'req-8',
      readings: validated(
        { sensor_id: 's-1', timestamp: '2026-11-22T11:00:00Z', temperature: 20.5 },
        { sensor_id: 's-2', timestamp: '2026-11-22T11:00:01Z', pressure: 1000 },
      ),
    };
    const [single, batched] = [new RecordingBus(), new RecordingBus()];
    await service(single).record(request);
    await service(batched, true).record(request);
    expect(single.published.map((p) => p.topic)).toEqual(['telemetry.readings']);
    expect(batched.published.map((p) => p.topic)).toEqual(['telemetry.readings-batches']);
    expect(batched.published[0]!.events).toEqual(single.published[0]!.events);
  });

  it('publishes one event per reading and replies with their ids in order', async () => {
    const bus = new RecordingBus();
    const reply = await service(bus).record({
      trace_id: 'req-7',
      readings: validated(
        { sensor_id: 's-1', timestamp: '2026-11-22T11:00:00+01:00', temperature: 20.5 },
        {
          id: 'client-1',
          sensor_id: 'greenhouse-7',
          timestamp: '2026-11-22T10:00:00.250Z',
          humidity: 40,
          metrics: { battery_v: 3.6 },
        },
      ),
    });
    // The second id is uuid5(READING_ID_NAMESPACE, 'greenhouse-7:client-1'), computed with Python's uuid module.
    expect(reply).toEqual({
      accepted: 2,
      ids: ['00000000-0000-4000-8000-000000000001', '03dd0731-44f6-50c2-a9b9-b3e9004cd84c'],
    });
    expect(bus.published).toHaveLength(1);
    expect(bus.published[0]!.topic).toBe('telemetry.readings');
    expect(bus.published[0]!.events[0]).toEqual({
      metadata: {
        event_id: '00000000-0000-4000-8000-000000000001',
        occurred_at: new Date('2026-11-22T10:00:00.000Z'),
        ingested_at: new Date('2026-11-22T12:00:00.000Z'),
        source: { kind: 'http', reference: 'req-7', row_number: null },
        trace_id: 'req-7',
      },
      reading_id: '00000000-0000-4000-8000-000000000001',
      sensor_id: 's-1',
      timestamp: new Date('2026-11-22T10:00:00.000Z'),
      temperature: 20.5,
      pressure: null,
      humidity: null,
      metrics: {},
      version: 1,
      client_id: null,
    });
    // The client's own id travels with its reading.
    expect(bus.published[0]!.events[1]).toMatchObject({
      reading_id: '03dd0731-44f6-50c2-a9b9-b3e9004cd84c',
      client_id: 'client-1',
    });
  });

  it('refuses a call that is not a batch of validated readings, naming each, and publishes nothing', async () => {
    const bus = new RecordingBus();
    const failure = await service(bus)
      .record({
        trace_id: null,
        // The HTTP body's form, which the gateway would have turned into a tuple.
        readings: [{ sensor_id: 's', timestamp: '2026-11-22T10:00:00Z', temperature: 1 }],
      })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ReadingsFailure);
    expect((failure as ReadingsFailure).failure).toEqual({
      code: 'READINGS.INVALID',
      message: 'the call is not a batch of validated readings',
      errors: [
        {
          path: 'readings[0]',
          message:
            'must be [id, sensor_id, timestamp_ms, temperature, pressure, humidity, metrics]',
        },
      ],
    });
    expect(bus.published).toEqual([]);
  });

  it('answers READINGS.INVALID with the fields when the codec cannot write the events', async () => {
    const bus = new RecordingBus();
    bus.refuses = new InvalidEventError('telemetry.readings', [
      'metrics: expected a map of double, got {"battery_v":"3.6"}',
    ]);
    const failure = await service(bus)
      .record({
        trace_id: null,
        readings: [[null, 's', 1_795_341_600_000, 1, null, null, { battery_v: '3.6' }]],
      })
      .catch((e: unknown) => e);
    expect((failure as ReadingsFailure).failure).toEqual({
      code: 'READINGS.INVALID',
      message: "the readings do not fit telemetry.readings's schema",
      errors: [{ path: 'metrics', message: 'expected a map of double, got {"battery_v":"3.6"}' }],
    });
  });

  it('says EVENTS.UNAVAILABLE when Kafka did not acknowledge', async () => {
    const bus = new RecordingBus();
    bus.down = true;
    const failure = await service(bus)
      .record({
        trace_id: null,
        readings: validated({ sensor_id: 's', timestamp: '2026-11-22T10:00:00Z', pressure: 1000 }),
      })
      .catch((e: unknown) => e);
    expect((failure as ReadingsFailure).failure).toEqual({
      code: 'EVENTS.UNAVAILABLE',
      message: 'Kafka did not acknowledge within 5000 ms',
    });
  });
});

describe('ReadingsService.correct', () => {
  const correction = {
    reading_id: '00000000-0000-4000-8000-000000000001',
    sensor_id: 's-1',
    timestamp: '2026-11-22T10:00:00Z',
    current_version: 1,
    client_id: 'client-1',
    temperature: 12.5,
    pressure: null,
    humidity: null,
    metrics: {},
    reason: 'recalibrated',
    trace_id: 'req-9',
  };

  it('publishes the whole corrected reading with a version after the current one and the clock', async () => {
    const bus = new RecordingBus();
    // The clock reads 2026-11-22T12:00:00.000Z = 1795348800000 ms.
    expect(await service(bus).correct(correction)).toEqual({
      reading_id: '00000000-0000-4000-8000-000000000001',
      version: 1795348800000,
    });
    expect(bus.published[0]!.topic).toBe('telemetry.readings-corrected');
    expect(bus.published[0]!.events[0]).toMatchObject({
      reading_id: '00000000-0000-4000-8000-000000000001',
      sensor_id: 's-1',
      timestamp: new Date('2026-11-22T10:00:00.000Z'),
      temperature: 12.5,
      version: 1795348800000,
      reason: 'recalibrated',
      client_id: 'client-1',
      metadata: { event_id: '00000000-0000-4000-8000-000000000001', trace_id: 'req-9' },
    });
  });

  it('stays above a current version that is ahead of the clock', async () => {
    const bus = new RecordingBus();
    const reply = await service(bus).correct({ ...correction, current_version: 1795348800000 });
    expect(reply.version).toBe(1795348800001);
  });
});
