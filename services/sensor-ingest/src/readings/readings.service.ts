import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  correctReadingCommandSchema,
  describeIssues,
  type CorrectReadingReply,
  readingIdFor,
  recordReadingsCommandSchema,
  type RecordReadingsReply,
  type RpcFailure,
  type Topic,
  type TopicEvents,
  type TributaryTelemetry,
  TributaryError,
  eventMetadata,
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
 * Records readings: validates and normalises them, turns each into a SensorReadingRecorded event
 * and resolves once Kafka acknowledged every one — as one batch event per partition, or one
 * message each. A reading sent with the client's `id` gets an id derived from it, so sending it
 * again records nothing new.
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
      },
    ]);
    return { reading_id: c.reading_id, version };
  }

  async record(payload: unknown): Promise<RecordReadingsReply> {
    const parsed = recordReadingsCommandSchema.safeParse(payload);
    if (!parsed.success) {
      throw new ReadingsFailure({
        code: 'READINGS.INVALID',
        message: 'some readings are invalid',
        errors: describeIssues(parsed.error),
      });
    }
    const { readings, trace_id } = parsed.data;
    const ingestedAt = this.now();
    const events = readings.map((r): TributaryTelemetry.SensorReadingRecorded => {
      const id = r.id === undefined ? this.newId() : readingIdFor(r.sensor_id, r.id);
      const at = new Date(r.timestamp);
      return {
        metadata: eventMetadata({
          eventId: id,
          occurredAt: at,
          ingestedAt,
          kind: 'http',
          reference: trace_id,
        }),
        reading_id: id,
        sensor_id: r.sensor_id,
        timestamp: at,
        temperature: r.temperature ?? null,
        pressure: r.pressure ?? null,
        humidity: r.humidity ?? null,
        metrics: r.metrics ?? {},
        version: 1,
      };
    });
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
      throw error;
    }
  }
}
