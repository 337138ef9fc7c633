import { type Topic, type TopicEvents, TributaryError } from '@tributary/contracts';

/**
 * How domain code publishes events: to a catalog topic, resolved only once the events are
 * durably stored (acks=all), never before. Domain code depends on this port, not on Kafka.
 */
export interface EventBus {
  publish<T extends Topic>(topic: T, events: readonly TopicEvents[T][]): Promise<void>;
}

export const EVENT_BUS = Symbol('EVENT_BUS');

/** Kafka did not acknowledge in time: nothing can be promised about the events; retry later. */
export class EventBusUnavailableError extends TributaryError {
  constructor(message: string, cause?: unknown) {
    super('EVENTS.UNAVAILABLE', message, { retriable: true, cause });
  }
}
