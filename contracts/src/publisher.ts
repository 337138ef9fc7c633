import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { batchTopicOf, type BatchBounds } from './batches';
import { BATCHED_TOPICS } from './catalog';
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
    this.checkReadings(topic, events);
    await this.producer.send({
      topic,
      acks: -1,
      messages: events.map((event) => this.codec.message(topic, event)),
    });
  }

  /**
   * Publishes `events` of a batched topic (`BATCHED_TOPICS`) as batches on its twin
   * (`<topic>-batches`): one message per partition per at most `bounds.maxItems` events, each
   * event in its key's partition as `publish` would put it, each `ingested_at` the time of this
   * call. Consumers project both alike; a batch costs Kafka and the consumers about what one
   * event does.
   */
  async publishBatches<T extends Topic>(
    topic: T,
    events: readonly TopicEvents[T][],
    bounds?: BatchBounds,
  ): Promise<void> {
    if (!BATCHED_TOPICS.includes(topic))
      throw new Error(`${topic} has no batch twin; batched: ${BATCHED_TOPICS.join(', ')}`);
    this.checkReadings(topic, events);
    // Accepted now, all of them: one ingested_at lets the call's events share batches (a
    // batch says it once), however long ago each one's envelope was made.
    const ingestedAt = new Date();
    const stamped = events.map((event) => {
      const { metadata } = event as unknown as { metadata: TributaryCommon.EventMetadata };
      return { ...event, metadata: { ...metadata, ingested_at: ingestedAt } };
    });
    await this.producer.send({
      topic: batchTopicOf(topic),
      acks: -1,
      messages: this.codec.batchMessages(topic, stamped, randomUUID, bounds),
    });
  }

  // Readings follow the rules the HTTP and file paths follow, so a producer publishing to the
  // topic directly cannot record a reading the API would have refused.
  private checkReadings(topic: Topic, events: readonly unknown[]): void {
    if (topic !== 'telemetry.readings') return;
    const problems = (events as readonly ReadingValues[]).flatMap((event, i) =>
      readingProblems(event).map((problem) => `[${i}].${problem}`),
    );
    if (problems.length > 0) throw new InvalidEventError(topic, problems);
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}
