import { type Topic, type TopicEvents, TributaryError } from '@tributary/contracts';

/**
 * How domain code publishes events: to a catalog topic, resolved only once the events are
 * durably stored (acks=all), never before. Domain code depends on this port, not on Kafka.
 */
export interface EventBus {
  publish<T extends Topic>(topic: T, events: readonly TopicEvents[T][]): Promise<void>;
  /**
   * Publishes events of a batched topic (contracts' `BATCHED_TOPICS`) as batch events on its
   * twin: one message per partition per batch, each event in its key's partition, in order.
   * Consumers project them exactly as the same events published one by one.
   */
  publishBatches<T extends Topic>(topic: T, events: readonly TopicEvents[T][]): Promise<void>;
}

export const EVENT_BUS = Symbol('EVENT_BUS');

/** Kafka did not acknowledge in time: nothing can be promised about the events; retry later. */
export class EventBusUnavailableError extends TributaryError {
  constructor(message: string, cause?: unknown) {
    super('EVENTS.UNAVAILABLE', message, { retriable: true, cause });
  }
}
