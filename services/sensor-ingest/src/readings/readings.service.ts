import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  correctReadingCommandSchema,
  describeIssues,
  type CorrectReadingReply,
  readingIdFor,
  recordReadingsCommandProblems,
  type RecordReadingsCommand,
  type RecordReadingsReply,
  type RpcFailure,
  type Topic,
  type TopicEvents,
  type TributaryTelemetry,
  TributaryError,
  eventMetadata,
  InvalidEventError,
} from '@tributary/contracts';
import { EVENT_BUS, EventBusUnavailableError, type EventBus } from '@tributary/platform';

export const CLOCK = Symbol('CLOCK');
export const NEW_ID = Symbol('NEW_ID');
/** True: a request's readings go out as batch events (contracts' batches.ts). */
export const PUBLISH_BATCHES = Symbol('PUBLISH_BATCHES');

/** A failure the gateway turns into a problem response (see RpcFailure's codes). */
export class ReadingsFailure extends TributaryError {
  constructor(readonly failure: RpcFailure) {
    super(failure.code, failure.message, { retriable: failure.code === 'EVENTS.UNAVAILABLE' });
  }
}

/**
 * Records readings: turns each into a SensorReadingRecorded event and resolves once Kafka
 * acknowledged every one — as one batch event per partition, or one message each. The readings
 * come validated and normalised by the gateway (contracts' `ValidatedReading`); they are checked
 * here for their shape only, and Avro's writer refuses a value of the wrong type. A reading sent
 * with the client's `id` gets an id derived from it, so sending it again records nothing new.
 */
@Injectable()
export class ReadingsService {
  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(CLOCK) private readonly now: () => Date,
    @Inject(NEW_ID) private readonly newId: () => string = randomUUID,
    @Inject(PUBLISH_BATCHES) private readonly batches: boolean = true,
  ) {}

  /**
   * Publishes a correction. Its version is the larger of the current version + 1 and the clock in
   * milliseconds: two corrections racing from the same read still order by time, and the later
   * one wins.
   */
  async correct(payload: unknown): Promise<CorrectReadingReply> {
    const parsed = correctReadingCommandSchema.safeParse(payload);
    if (!parsed.success) {
      throw new ReadingsFailure({
        code: 'READINGS.INVALID',
        message: 'the correction is invalid',
        errors: describeIssues(parsed.error),
      });
    }
    const c = parsed.data;
    const now = this.now();
    const version = Math.max(c.current_version + 1, now.getTime());
    const at = new Date(c.timestamp);
    await this.publish('telemetry.readings-corrected', [
      {
        metadata: eventMetadata({
          eventId: this.newId(),
          occurredAt: at,
          ingestedAt: now,
          kind: 'http',
          reference: c.trace_id,
        }),
        reading_id: c.reading_id,
        sensor_id: c.sensor_id,
        timestamp: at,
        temperature: c.temperature,
        pressure: c.pressure,
        humidity: c.humidity,
        metrics: c.metrics,
        version,
        reason: c.reason,
        client_id: c.client_id,
      },
    ]);
    return { reading_id: c.reading_id, version };
  }

  async record(payload: unknown): Promise<RecordReadingsReply> {
    const problems = recordReadingsCommandProblems(payload);
    if (problems.length > 0) {
      throw new ReadingsFailure({
        code: 'READINGS.INVALID',
        message: 'the call is not a batch of validated readings',
        errors: problems,
      });
    }
    const { readings, trace_id } = payload as RecordReadingsCommand;
    const ingestedAt = this.now();
    const events = readings.map(
      ([clientId, sensor_id, timestampMs, temperature, pressure, humidity, metrics]) => {
        const id = clientId === null ? this.newId() : readingIdFor(sensor_id, clientId);
        const at = new Date(timestampMs);
        const event: TributaryTelemetry.SensorReadingRecorded = {
          metadata: eventMetadata({
            eventId: id,
            occurredAt: at,
            ingestedAt,
            kind: 'http',
            reference: trace_id,
          }),
          reading_id: id,
          sensor_id,
          timestamp: at,
          temperature,
          pressure,
          humidity,
          metrics: metrics ?? {},
          version: 1,
          client_id: clientId,
        };
        return event;
      },
    );
    await this.publish('telemetry.readings', events, this.batches);
    return { accepted: events.length, ids: events.map((e) => e.reading_id) };
  }

  private async publish<T extends Topic>(
    topic: T,
    events: TopicEvents[T][],
    batched = false,
  ): Promise<void> {
    try {
      if (batched) await this.bus.publishBatches(topic, events);
      else await this.bus.publish(topic, events);
    } catch (error) {
      if (error instanceof EventBusUnavailableError) {
        throw new ReadingsFailure({ code: 'EVENTS.UNAVAILABLE', message: error.message });
      }
      // Values the gateway let through that Avro cannot write: a caller of the wrong shape or a
      // gap between the reading's rules and its schema. Refused whole, nothing published.
      if (error instanceof InvalidEventError) {
        throw new ReadingsFailure({
          code: 'READINGS.INVALID',
          message: `the readings do not fit ${topic}'s schema`,
          errors: error.problems.map((problem) => {
            const colon = problem.indexOf(': ');
            return colon < 0
              ? { path: '', message: problem }
              : { path: problem.slice(0, colon), message: problem.slice(colon + 2) };
          }),
        });
      }
      throw error;
    }
  }
}
