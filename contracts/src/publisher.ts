import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { EventCodec, type Topic } from './codec';
import { InvalidEventError } from './errors';
import { eventMetadata } from './event-metadata';
import { readingProblems, type ReadingValues } from './readings';
import { IDEMPOTENT_PRODUCER, ignoreKafkajsNegativeTimeoutWarning } from './kafkajs-node24';
import { type TopicEvents, type TributaryCommon } from './generated/events';

export interface PublishOptions {
  /** Bootstrap brokers, e.g. ['127.0.0.1:19092']. */
  brokers: string[];
  /** Schema registry URL, e.g. http://127.0.0.1:18081. */
  registryUrl: string;
  /** Names the producer in broker logs and in each event's source reference. */
  clientId: string;
}

/**
 * The few lines an external producer needs to publish valid events to Tributary's topics:
 *
 *   const publisher = await EventPublisher.connect({ brokers, registryUrl, clientId: 'acme' });
 *   await publisher.publish('telemetry.readings', [{ metadata: publisher.metadata(at), ... }]);
 *   await publisher.disconnect();
 *
 * Events are validated and encoded against the registered schemas, keyed by the catalog's key
 * field, and acknowledged by every in-sync replica (acks=all, idempotent producer) before
 * `publish` resolves. While Kafka is unreachable `publish` keeps retrying (capped retries would
 * weaken the idempotence guarantees): bound it with your own deadline if you need one. The
 * platform's consumers cannot tell these events from its own.
 */
export class EventPublisher {
  private constructor(
    private readonly codec: EventCodec,
    private readonly producer: Producer,
    private readonly clientId: string,
  ) {}

  static async connect(options: PublishOptions): Promise<EventPublisher> {
    ignoreKafkajsNegativeTimeoutWarning();
    const codec = new EventCodec({ registryUrl: options.registryUrl });
    await codec.register();
    const kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
    });
    const producer = kafka.producer(IDEMPOTENT_PRODUCER);
    await producer.connect();
    return new EventPublisher(codec, producer, options.clientId);
  }

  /** Envelope for an event from this producer: a new id, `stream` as its source. */
  metadata(occurredAt: Date, eventId: string = randomUUID()): TributaryCommon.EventMetadata {
    return eventMetadata({
      eventId,
      occurredAt,
      ingestedAt: new Date(),
      kind: 'stream',
      reference: this.clientId,
      traceId: null,
    });
  }

  async publish<T extends Topic>(topic: T, events: readonly TopicEvents[T][]): Promise<void> {
    // Readings follow the rules the HTTP and file paths follow, so a producer publishing to the
    // topic directly cannot record a reading the API would have refused.
    if (topic === 'telemetry.readings') {
      const problems = (events as readonly ReadingValues[]).flatMap((event, i) =>
        readingProblems(event).map((problem) => `[${i}].${problem}`),
      );
      if (problems.length > 0) throw new InvalidEventError(topic, problems);
    }
    await this.producer.send({
      topic,
      acks: -1,
      messages: events.map((event) => this.codec.message(topic, event)),
    });
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}
