import { randomUUID } from 'node:crypto';
import {
  batchTopicOf,
  DEFAULT_BATCH_BOUNDS,
  EventCodec,
  IDEMPOTENT_PRODUCER,
  type EventMessage,
  type Topic,
  type TopicEvents,
  TributaryError,
} from '@tributary/contracts';
import { type Kafka, type Message, type Producer, type TopicMessages } from 'kafkajs';
import { EventBusUnavailableError, type EventBus } from '../events/event-bus';
import { type Logger } from '../logging/logger';

/**
 * Bytes of messages per produce request, well under the broker's 1 MiB default per partition
 * batch (`message.max.bytes`) even when every message of a request goes to one partition: a
 * request over it is refused whole (MESSAGE_TOO_LARGE), and kafkajs's idempotent producer does
 * not recover its sequence numbers afterwards.
 */
export const MAX_REQUEST_BYTES = 512 * 1024;

/** Kafka refused the events for good (a message too large): retrying the same cannot help. */
export class EventsRefusedError extends TributaryError {
  constructor(message: string, cause?: unknown) {
    super('EVENTS.REFUSED', message, { retriable: false, cause });
  }
}

/** Errors after which the idempotent producer's sequence state is wrong: start a new producer. */
const BROKEN_SEQUENCE = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'INVALID_PRODUCER_EPOCH',
  'UNKNOWN_PRODUCER_ID',
  'DUPLICATE_SEQUENCE_NUMBER',
]);

const sizeOf = (message: Message): number => {
  let size =
    64 + ((message.value as Buffer | null)?.length ?? 0) + String(message.key ?? '').length;
  for (const [name, value] of Object.entries(message.headers ?? {}))
    size += name.length + String(value).length;
  return size;
};

interface Pending {
  topic: string;
  messages: Message[];
  bytes: number;
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
  producer: Producer;

  constructor(
    private readonly newProducer: () => Producer,
    private readonly log: Logger,
  ) {
    this.producer = newProducer();
  }

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
        this.queue = this.queue.filter((p) => !p.settled);
        // Up to MAX_REQUEST_BYTES per request (at least one caller's share).
        const batch: Pending[] = [];
        let bytes = 0;
        while (
          this.queue.length > 0 &&
          (batch.length === 0 || bytes + this.queue[0]!.bytes <= MAX_REQUEST_BYTES)
        ) {
          const next = this.queue.shift()!;
          bytes += next.bytes;
          batch.push(next);
        }
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
          const type = (error as { type?: unknown } | null)?.type;
          if (typeof type === 'string' && BROKEN_SEQUENCE.has(type)) await this.renewProducer();
          const refused = (error as { retriable?: unknown } | null)?.retriable === false;
          for (const p of batch)
            p.settle(
              refused
                ? new EventsRefusedError(
                    `Kafka refused the events: ${(error as Error).message}`,
                    error,
                  )
                : new EventBusUnavailableError('Kafka refused the events', error),
            );
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** A fresh producer id and sequence numbers; the old producer is let go. */
  private async renewProducer(): Promise<void> {
    const old = this.producer;
    this.producer = this.newProducer();
    this.log.warn('idempotent producer state broken; starting a new producer');
    await old.disconnect().catch(() => undefined);
    await this.producer.connect();
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
    private readonly options: {
      sendTimeoutMs: number;
      producers?: number;
    },
  ) {
    const log = logger.child({ module: 'event-bus' });
    this.lanes = Array.from(
      { length: options.producers ?? 1 },
      () => new Lane(() => kafka.producer(IDEMPOTENT_PRODUCER), log),
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
    // A caller's messages are queued in shares of at most MAX_REQUEST_BYTES, so no request grows
    // past it; the call resolves once every share is acknowledged.
    const shares: Promise<void>[] = [];
    for (const [lane, messages] of perLane) {
      let share: Message[] = [];
      let bytes = 0;
      for (const message of messages) {
        const size = sizeOf(message);
        if (share.length > 0 && bytes + size > MAX_REQUEST_BYTES) {
          shares.push(this.enqueue(this.lanes[lane]!, topic, share, bytes));
          share = [];
          bytes = 0;
        }
        share.push(message);
        bytes += size;
      }
      shares.push(this.enqueue(this.lanes[lane]!, topic, share, bytes));
    }
    return Promise.all(shares).then(() => undefined);
  }

  publishBatches<T extends Topic>(topic: T, events: readonly TopicEvents[T][]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    let messages: EventMessage[];
    try {
      // A batch stays within one request, whatever else shares it.
      messages = this.codec.batchMessages(topic, events, randomUUID, {
        maxItems: DEFAULT_BATCH_BOUNDS.maxItems,
        maxBytes: MAX_REQUEST_BYTES - 4 * 1024,
      });
    } catch (error) {
      return Promise.reject(error);
    }
    const twin = batchTopicOf(topic);
    // One partition's batches always take one lane, in order, so a key's events keep their order
    // from one batch to the next.
    return Promise.all(
      messages.map((message) =>
        this.enqueue(
          this.lanes[message.partition! % this.lanes.length]!,
          twin,
          [message],
          sizeOf(message),
        ),
      ),
    ).then(() => undefined);
  }

  private enqueue(lane: Lane, topic: string, messages: Message[], bytes: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const pending: Pending = {
        topic,
        messages,
        bytes,
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
