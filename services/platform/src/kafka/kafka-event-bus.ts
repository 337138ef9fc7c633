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
 * One idempotent producer and its queue. kafkajs's idempotent producer breaks its sequence
 * numbers when sends overlap (tulios/kafkajs#598), so a lane never has two requests in flight:
 * whatever queued up while one was in flight leaves together in the next `sendBatch`.
 */
class Lane {
  private queue: Pending[] = [];
  private draining = false;

  constructor(
    readonly producer: Producer,
    private readonly log: Logger,
  ) {}

  enqueue(pending: Pending): void {
    this.queue.push(pending);
    void this.drain();
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
        for (const p of batch) {
          const messages = byTopic.get(p.topic) ?? [];
          for (const message of p.messages) messages.push(message);
          byTopic.set(p.topic, messages);
        }
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

/** FNV-1a: a stable, cheap spread of keys over lanes. */
function laneOf(key: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % lanes;
}

/**
 * The EventBus on Kafka: `producers` lanes, each a serialised idempotent producer, with every key
 * always on the same lane, so events of one key stay in order while several requests are in
 * flight at once (one per lane). Each caller has its own deadline (`sendTimeoutMs`): past it the
 * call fails with EventBusUnavailableError. Events still queued are then dropped unsent; events
 * already in flight may still land (the producer keeps retrying), which consumers absorb by
 * event_id.
 */
export class KafkaEventBus implements EventBus {
  private readonly lanes: Lane[];

  constructor(
    kafka: Kafka,
    private readonly codec: EventCodec,
    logger: Logger,
    private readonly options: { sendTimeoutMs: number; producers?: number },
  ) {
    const log = logger.child({ module: 'event-bus' });
    this.lanes = Array.from(
      { length: options.producers ?? 1 },
      () => new Lane(kafka.producer(IDEMPOTENT_PRODUCER), log),
    );
  }

  async connect(): Promise<void> {
    await this.codec.register();
    await Promise.all(this.lanes.map((lane) => lane.producer.connect()));
  }

  async disconnect(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.producer.disconnect()));
  }

  publish<T extends Topic>(topic: T, events: readonly TopicEvents[T][]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    // Encoding validates; an invalid event is the caller's error and never reaches a queue.
    const perLane = new Map<number, Message[]>();
    try {
      for (const event of events) {
        const message = this.codec.message(topic, event);
        const lane = laneOf(message.key, this.lanes.length);
        const queued = perLane.get(lane);
        if (queued) queued.push(message);
        else perLane.set(lane, [message]);
      }
    } catch (error) {
      return Promise.reject(error);
    }
    return Promise.all(
      [...perLane].map(([lane, messages]) => this.enqueue(this.lanes[lane]!, topic, messages)),
    ).then(() => undefined);
  }

  private enqueue(lane: Lane, topic: string, messages: Message[]): Promise<void> {
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
      lane.enqueue(pending);
    });
  }
}
