import {
  EventCodec,
  IDEMPOTENT_PRODUCER,
  type Topic,
  type TopicEvents,
} from '@tributary/contracts';
import { type Kafka, type Message, type Producer, type TopicMessages } from 'kafkajs';
import { EventBusUnavailableError, type EventBus } from '../events/event-bus';
import { type Logger } from '../logging/logger';

interface Pending {
  topic: string;
  messages: Message[];
  /** Settles the caller's promise once: by the send's outcome or by the caller's deadline. */
  settle: (error?: unknown) => void;
  settled: boolean;
}

/**
 * The EventBus on Kafka. kafkajs's idempotent producer breaks its sequence numbers when sends
 * overlap (tulios/kafkajs#598), so every publish goes through one queue: whatever accumulated
 * while a request was in flight leaves together in the next `sendBatch`, which serialises the
 * producer and batches concurrent callers at once. A send that Kafka does not acknowledge within
 * `sendTimeoutMs` fails with EventBusUnavailableError (the producer keeps retrying behind it, and
 * consumers dedupe by event_id if it lands after all).
 */
export class KafkaEventBus implements EventBus {
  private readonly producer: Producer;
  private readonly log: Logger;
  private queue: Pending[] = [];
  private draining = false;

  constructor(
    kafka: Kafka,
    private readonly codec: EventCodec,
    logger: Logger,
    private readonly options: { sendTimeoutMs: number },
  ) {
    this.producer = kafka.producer(IDEMPOTENT_PRODUCER);
    this.log = logger.child({ module: 'event-bus' });
  }

  async connect(): Promise<void> {
    await this.codec.register();
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  publish<T extends Topic>(topic: T, events: readonly TopicEvents[T][]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    // Encoding validates; an invalid event is the caller's error and never reaches the queue.
    let messages: Message[];
    try {
      messages = events.map((event) => this.codec.message(topic, event));
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      const pending: Pending = {
        topic,
        messages,
        settled: false,
        settle: (error) => {
          if (pending.settled) return;
          pending.settled = true;
          clearTimeout(timer);
          if (error === undefined) resolve();
          else reject(error);
        },
      };
      const timer = setTimeout(
        () =>
          pending.settle(
            new EventBusUnavailableError(
              `Kafka did not acknowledge within ${this.options.sendTimeoutMs} ms`,
            ),
          ),
        this.options.sendTimeoutMs,
      );
      this.queue.push(pending);
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        // Callers whose deadline passed while queued were told it failed: their events stay unsent.
        const batch = this.queue.filter((p) => !p.settled);
        this.queue = [];
        if (batch.length === 0) continue;
        const byTopic = new Map<string, Message[]>();
        for (const p of batch)
          byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), ...p.messages]);
        const topicMessages: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({
          topic,
          messages,
        }));
        try {
          // Awaited to the end, even past callers' deadlines, so two sends never overlap.
          await this.producer.sendBatch({ acks: -1, topicMessages });
          for (const p of batch) p.settle();
        } catch (error) {
          const messages = batch.reduce((n, p) => n + p.messages.length, 0);
          this.log.warn({ err: error, messages }, 'publish failed');
          for (const p of batch)
            p.settle(new EventBusUnavailableError('Kafka refused the events', error));
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
