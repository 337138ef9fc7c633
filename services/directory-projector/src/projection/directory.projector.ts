import { type EventCodec } from '@tributary/contracts';
import { BatchConsumer, type Logger } from '@tributary/platform';
import { type Kafka } from 'kafkajs';
import { directoryHandler } from './directory.handler';
import { type DirectoryStore } from './directory.store';
import {
  CATALOG_TOPIC_NAMES,
  CONSUMED_DIRECTORY_TOPICS,
  type DirectoryTopicNames,
} from './directory.topics';

export interface DirectoryProjectorOptions {
  readonly groupId: string;
  /** Messages per handler call, written in one transaction. */
  readonly maxChunk: number;
  /** The group session (KAFKA_SESSION_TIMEOUT_MS); the platform's default when unset. */
  readonly sessionTimeoutMs?: number;
  /** Consumed topic names; the catalog's by default. */
  readonly topics?: DirectoryTopicNames;
  readonly onLag?: (topic: string, partition: number, lag: number) => void;
}

/**
 * The directory projection: one consumer (platform `BatchConsumer`) over the six topics, each
 * chunk folded and written through the store before its offsets are committed. Stopping commits
 * what was written and leaves the group.
 */
export class DirectoryProjector {
  private consumer: BatchConsumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly store: DirectoryStore,
    private readonly codec: EventCodec,
    private readonly logger: Logger,
    private readonly options: DirectoryProjectorOptions,
  ) {}

  async start(): Promise<void> {
    const topics = this.options.topics ?? CATALOG_TOPIC_NAMES;
    this.consumer = new BatchConsumer(
      this.kafka,
      {
        groupId: this.options.groupId,
        topics: CONSUMED_DIRECTORY_TOPICS.map((topic) => topics[topic]),
        handler: directoryHandler(this.codec, topics, this.store),
        maxChunk: this.options.maxChunk,
        ...(this.options.sessionTimeoutMs
          ? { sessionTimeoutMs: this.options.sessionTimeoutMs }
          : {}),
        ...(this.options.onLag ? { onLag: this.options.onLag } : {}),
      },
      this.logger,
    );
    await this.consumer.start();
    this.logger.info(
      { module: 'directory', group: this.options.groupId },
      'directory projection started',
    );
  }

  /** Consuming, and not crashed for good: what readiness reports. */
  get running(): boolean {
    return this.consumer?.running ?? false;
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }
}
