import { backoffMs, IDEMPOTENT_PRODUCER, retriableOf } from '@tributary/contracts';
import {
  type Consumer,
  type EachBatchPayload,
  type Kafka,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import { type Logger } from '../logging/logger';
import { CoPartitionedAssigner } from './co-partitioned-assigner';
import { DEFAULT_SESSION_TIMEOUT_MS, heartbeatIntervalFor } from './kafka.config';

/** A message as a handler sees it: raw bytes plus where it came from. */
export interface ConsumedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
}

/** A message the handler cannot process, ever: it goes to `<topic>.dlq` with the reason. */
export interface DeadLetter {
  readonly message: ConsumedMessage;
  readonly code: string;
  readonly reason: string;
  /**
   * When one item of a batch message is bad and the rest were processed: its index in the batch,
   * and the value the DLQ gets instead of the whole message (a batch of that item alone).
   */
  readonly item?: { readonly index: number; readonly value: Buffer };
}

/**
 * The dead letter of `message` that `error` made: the error's code (`PROJECTION.FAILED` when it
 * has none) and its message, after `label` when one is given.
 */
export function deadLetterOf(message: ConsumedMessage, error: unknown, label?: string): DeadLetter {
  const code = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? error.message : String(error);
  return {
    message,
    code: typeof code === 'string' ? code : 'PROJECTION.FAILED',
    reason: label === undefined ? text : `${label}: ${text}`,
  };
}

/**
 * Processes a chunk of messages from one partition and writes them to its sink. Returns the
 * messages that can never be processed (undecodable, invalid); throws when the sink failed, and
 * the chunk is retried. Called again with the same messages after a crash or rebalance, so the
 * sink write must be idempotent.
 */
export type BatchHandler = (messages: readonly ConsumedMessage[]) => Promise<readonly DeadLetter[]>;

export interface BatchConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly handler: BatchHandler;
  /** Messages per handler call; a fetched batch larger than this is split. */
  readonly maxChunk: number;
  readonly fromBeginning?: boolean;
  /** Called with each partition's lag after a chunk is committed (for metrics). */
  readonly onLag?: (topic: string, partition: number, lag: number) => void;
  /**
   * Work the handler defers and does for many chunks at once (a projector's inserts and
   * rollups). When set, a chunk's offsets are committed only after a `flush` that started after
   * the chunk was handled resolved `true` (all its deferred work done; `false`: some is left for a
   * later flush). Flushes run every `intervalMs`, and once more on stop with `final` set, when
   * everything must be done. `flush` must take what it will process before its first await. A
   * crash before a complete flush replays those chunks.
   */
  readonly deferred?: {
    readonly intervalMs: number;
    readonly flush: (final: boolean) => Promise<boolean>;
    /**
     * Fault injection for the system tests (services/system-tests), 0 or unset in production:
     * after a flush wrote, wait this long before committing, logging `flush written; commit held`
     * and then `flush committed`, so a crash can be aimed between the sink write and the commit.
     */
    readonly holdCommitMs?: number;
    /**
     * Called each time this member joins its group (the first time too), and before a flush when
     * the group has not heard from it for longer than its session (frozen, it may have lost its
     * partitions without knowing yet): partitions may have changed hands, so whatever the
     * deferred work knows of their keys may be stale. Synchronous, before `flush` takes its work.
     */
    readonly mayHaveMoved?: () => void;
  };
  /**
   * The group session (KAFKA_SESSION_TIMEOUT_MS, default DEFAULT_SESSION_TIMEOUT_MS): how long a
   * crashed member's partitions wait before the group gives them to another.
   */
  readonly sessionTimeoutMs?: number;
  /** The clock the group's silence is measured by (tests); Date.now by default. */
  readonly clock?: () => number;
  /** Backoff for a failing sink: first wait and cap, ms. */
  readonly retry?: { readonly initialMs: number; readonly maxMs: number };
}

function headersOf(message: KafkaMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) out[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return out;
}

/**
 * A sink write is retried unless its error says retrying cannot help: an error that says nothing
 * (a driver's, unclassified) is taken for an outage, since dead-lettering events because the
 * database was away would lose them.
 */
const isRetriable = (error: unknown): boolean => retriableOf(error) !== false;

/** kafkajs's errors of a commit sent by a member the group no longer knows in that generation. */
const REBALANCING = new Set(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS']);

/** Whether an error (kafkajs wraps the broker's in a non-retriable one) is one of REBALANCING. */
function isRebalancing(error: unknown): boolean {
  for (let e = error as { type?: unknown; cause?: unknown } | null; e;) {
    if (typeof e.type === 'string' && REBALANCING.has(e.type)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * The one consumption loop every projector uses, with the delivery rules of the design:
 * - offsets are committed only after the handler's sink write succeeded (kafkajs's auto-resolve
 *   and auto-commit are off), so a crash at any point replays, never skips;
 * - a failing sink is retried with jittered exponential backoff for as long as the consumer
 *   runs; a chunk failing with a non-retriable error is split message by message and the ones
 *   that still fail go to the dead-letter topic, so a partition is never blocked forever;
 * - dead letters are written (acks=all) before the offsets past them are committed;
 * - partition N of every subscribed topic goes to the same member (CoPartitionedAssigner), and
 *   partitions are processed one batch at a time, so per-key derived work never races.
 */
export class BatchConsumer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly log: Logger;
  private stopping = false;
  private crashed = false;
  private started = false;
  /** Next offset to commit per partition, waiting for a deferred flush, and when it was handled. */
  private uncommitted = new Map<
    string,
    { topic: string; partition: number; offset: string; joins: number }
  >();
  /**
   * How many times this member has joined its group. A deferred offset handled before the latest
   * join is never committed: the partition may have gone to another member meanwhile, which has
   * committed further, and the broker accepts any member's commit in the current generation.
   */
  private joins = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** A deferred flush failed with an error retrying cannot fix. */
  private flushBroken = false;
  private readonly heartbeatMs: number;
  private readonly sessionTimeoutMs: number;
  /** When the group last answered this member (a join, a heartbeat), by `options.clock`. */
  private lastContact = 0;
  private readonly now: () => number;

  constructor(
    kafka: Kafka,
    private readonly options: BatchConsumerOptions,
    logger: Logger,
  ) {
    const sessionTimeout = options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
    this.sessionTimeoutMs = sessionTimeout;
    this.now = options.clock ?? Date.now;
    this.heartbeatMs = heartbeatIntervalFor(sessionTimeout);
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout,
      heartbeatInterval: this.heartbeatMs,
      maxBytesPerPartition: 4 * 1024 * 1024,
      partitionAssigners: [CoPartitionedAssigner],
    });
    this.producer = kafka.producer(IDEMPOTENT_PRODUCER);
    this.log = logger.child({ module: 'batch-consumer', group: options.groupId });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.joins++;
      this.lastContact = this.now();
      options.deferred?.mayHaveMoved?.();
    });
    this.consumer.on(this.consumer.events.HEARTBEAT, () => {
      this.lastContact = this.now();
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      // kafkajs restarts the consumer itself after a retriable crash; a non-retriable one stops it.
      this.log.error({ err: payload.error, restart: payload.restart }, 'consumer crashed');
      if (!payload.restart) this.crashed = true;
    });
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [...this.options.topics],
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.onBatch(payload),
    });
    const deferred = this.options.deferred;
    if (deferred) {
      this.flushTimer = setInterval(() => void this.flushDeferred(), deferred.intervalMs);
    }
    this.started = true;
  }

  /** Runs the deferred work, then commits what it covered; one flush at a time. */
  private flushDeferred(final = false): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const flush = this.options.deferred?.flush;
      if (!flush || this.uncommitted.size === 0) return;
      if (this.lastContact > 0 && this.now() - this.lastContact > this.sessionTimeoutMs)
        this.options.deferred?.mayHaveMoved?.();
      const covered = this.uncommitted;
      this.uncommitted = new Map();
      // Kept for the next flush, unless a later chunk of the partition is already waiting.
      const keep = () => {
        for (const [key, position] of covered) {
          if (!this.uncommitted.has(key)) this.uncommitted.set(key, position);
        }
      };
      try {
        if (await flush(final)) {
          const hold = this.options.deferred?.holdCommitMs ?? 0;
          if (hold > 0) {
            const offsets = [...covered.values()];
            this.log.info({ offsets, holdMs: hold }, 'flush written; commit held');
            await new Promise((resolve) => setTimeout(resolve, hold));
          }
          // A member frozen past its session, or rejoined after a failed commit, holds offsets of
          // partitions it may no longer own: those are dropped (their owner replays them), checked
          // here, after every await of the flush.
          const offsets = [...covered.values()]
            .filter((o) => o.joins === this.joins)
            .map(({ topic, partition, offset }) => ({ topic, partition, offset }));
          if (offsets.length < covered.size)
            this.log.info(
              { dropped: covered.size - offsets.length },
              'offsets handled before the group was rejoined dropped; they will be replayed',
            );
          if (offsets.length > 0) await this.consumer.commitOffsets(offsets);
          if (hold > 0) this.log.info({ offsets }, 'flush committed');
          this.flushBroken = false;
        } else keep();
      } catch (error) {
        keep();
        if (isRebalancing(error)) {
          // The member left the group meanwhile (frozen or starved past its session): it rejoins
          // by itself, and what it kept here is dropped then, since it was handled before the join.
          this.log.warn({ err: error }, 'commit refused while the group rebalances');
        } else if (isRetriable(error)) {
          this.log.warn(
            { err: error },
            'deferred flush or its commit failed; retrying next interval',
          );
        } else {
          // Retrying cannot fix it, and nothing past this point will be committed: say so loudly
          // and report not ready, so an operator is called instead of the lag growing quietly.
          this.flushBroken = true;
          this.log.error(
            { err: error },
            'deferred flush failed for good; consumer reports not ready',
          );
        }
      }
    });
    return this.flushing;
  }

  /** Started, not stopped, and not crashed beyond kafkajs's own restarts: what readiness reports. */
  get running(): boolean {
    return this.started && !this.stopping && !this.crashed && !this.flushBroken;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.flushTimer);
    if (this.options.deferred) await this.flushDeferred(true);
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  private async onBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    for (let start = 0; start < batch.messages.length; start += this.options.maxChunk) {
      if (!isRunning() || isStale()) return;
      // The group membership this chunk is handled under: its offset is committed only under it.
      const joinedAs = this.joins;
      const chunk = batch.messages
        .slice(start, start + this.options.maxChunk)
        .map((m): ConsumedMessage => ({
          topic,
          partition,
          offset: m.offset,
          key: m.key,
          value: m.value,
          headers: headersOf(m),
        }));
      // A handler may run longer than the session timeout (an ingest job reads a whole file):
      // the group must keep hearing from this member meanwhile, or it is evicted mid-chunk.
      const beat = setInterval(() => void heartbeat().catch(() => undefined), this.heartbeatMs);
      const deadLetters = await this.process(chunk, isRunning).finally(() => clearInterval(beat));
      if (deadLetters === undefined) return; // stopped while retrying: nothing committed
      // Rejoined meanwhile (frozen or starved past the session): the partition's owner replays it.
      if (this.joins !== joinedAs) return;
      if (deadLetters.length > 0) await this.deadLetter(deadLetters);
      const last = chunk[chunk.length - 1]!;
      resolveOffset(last.offset);
      const next = { topic, partition, offset: (BigInt(last.offset) + 1n).toString() };
      if (this.options.deferred)
        this.uncommitted.set(`${topic}\u0000${partition}`, { ...next, joins: joinedAs });
      else await this.consumer.commitOffsets([next]);
      await heartbeat();
      this.options.onLag?.(
        topic,
        partition,
        Math.max(0, Number(batch.highWatermark) - Number(last.offset) - 1),
      );
    }
  }

  /** The chunk's dead letters once its sink write succeeded; undefined if stopped first. */
  private async process(
    chunk: readonly ConsumedMessage[],
    isRunning: () => boolean,
  ): Promise<readonly DeadLetter[] | undefined> {
    const { initialMs, maxMs } = this.options.retry ?? { initialMs: 200, maxMs: 30_000 };
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.options.handler(chunk);
      } catch (error) {
        if (!isRetriable(error)) return this.isolate(chunk, error);
        if (this.stopping || !isRunning()) return undefined;
        const wait = backoffMs(attempt, { initialMs, maxMs });
        this.log.warn(
          {
            err: error,
            topic: chunk[0]?.topic,
            partition: chunk[0]?.partition,
            attempt,
            waitMs: Math.round(wait),
          },
          'sink write failed; retrying the chunk',
        );
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  /** Finds the messages behind a non-retriable chunk failure by processing them one at a time. */
  private async isolate(
    chunk: readonly ConsumedMessage[],
    chunkError: unknown,
  ): Promise<DeadLetter[]> {
    this.log.warn(
      { err: chunkError, size: chunk.length },
      'chunk failed for good; processing it message by message',
    );
    const deadLetters: DeadLetter[] = [];
    for (const message of chunk) {
      try {
        deadLetters.push(...(await this.options.handler([message])));
      } catch (error) {
        if (isRetriable(error)) throw error;
        deadLetters.push(deadLetterOf(message, error));
      }
    }
    return deadLetters;
  }

  private async deadLetter(deadLetters: readonly DeadLetter[]): Promise<void> {
    const byTopic = new Map<string, DeadLetter[]>();
    for (const dl of deadLetters)
      byTopic.set(dl.message.topic, [...(byTopic.get(dl.message.topic) ?? []), dl]);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, letters]) => ({
        topic: `${topic}.dlq`,
        messages: letters.map(({ message, code, reason, item }) => ({
          key: message.key,
          value: item ? item.value : message.value,
          headers: {
            ...message.headers,
            'dlq.code': code,
            'dlq.reason': reason.slice(0, 4096),
            'dlq.topic': message.topic,
            'dlq.partition': String(message.partition),
            'dlq.offset': message.offset,
            'dlq.group': this.options.groupId,
            ...(item ? { 'dlq.item': String(item.index) } : {}),
          },
        })),
      })),
    });
    for (const { message, code, reason, item } of deadLetters) {
      this.log.warn(
        {
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
          item: item?.index,
          code,
          reason,
        },
        'dead-lettered',
      );
    }
  }
}
