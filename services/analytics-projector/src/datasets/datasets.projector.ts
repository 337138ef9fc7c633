import { ANALYTICS_MIGRATIONS, analyticsDatasetsGroupId } from '@tributary/read-models';
import { type ClickHouseClient } from '@clickhouse/client';
import { type EventCodec } from '@tributary/contracts';
import {
  BatchConsumer,
  readClickHouseMigrations,
  runClickHouseMigrations,
  type Logger,
} from '@tributary/platform';
import { type Kafka } from 'kafkajs';
import {
  CONSUMED_DATASET_TOPICS,
  DATASET_BATCH_TOPICS,
  type TableRows,
} from './dataset-projections';
import { ClickHouseDatasetStore } from './datasets.clickhouse-store';
import { CATALOG_TOPIC_NAMES, datasetsHandler, type DatasetTopicNames } from './datasets.handler';
import { writeTables } from './datasets.store';
import { DatasetWriteBehind } from './datasets.write-behind';

/** Its tables' migrations (`@tributary/read-models`: the gateway's tests apply them too). */
export const DATASET_MIGRATIONS = ANALYTICS_MIGRATIONS.datasets;

/** The consumer group of the dataset projection: its own, beside telemetry's (see README). */
export const datasetsGroupId = analyticsDatasetsGroupId;

/**
 * The projection of the file datasets (EV, banking, energy, retail) and of ingest rejections:
 * its ClickHouse migrations, then one consumer over all their topics. Stopping flushes what is
 * held, commits, and leaves the group.
 */
export class DatasetsProjector {
  private consumer: BatchConsumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly clickhouse: ClickHouseClient,
    private readonly codec: EventCodec,
    private readonly logger: Logger,
    private readonly options: {
      groupId: string;
      maxChunk: number;
      /** The group session (KAFKA_SESSION_TIMEOUT_MS); the platform's default when unset. */
      sessionTimeoutMs?: number;
      /** Rows are inserted every this many ms (or sooner past `maxChunk` held); 0: per chunk. */
      flushIntervalMs: number;
      /** Consumed topic names; the catalog's by default. */
      topics?: DatasetTopicNames;
      onLag?: (topic: string, partition: number, lag: number) => void;
      /** Apply the ClickHouse migrations before consuming (default true; false: a Job did). */
      migrate?: boolean;
    },
  ) {}

  async start(): Promise<void> {
    if (this.options.migrate ?? true) {
      const applied = await runClickHouseMigrations(
        this.clickhouse,
        readClickHouseMigrations(DATASET_MIGRATIONS),
        this.logger,
      );
      this.logger.info({ module: 'datasets', applied }, 'ClickHouse schema up to date');
    }
    const store = new ClickHouseDatasetStore(this.clickhouse);
    const topics = this.options.topics ?? CATALOG_TOPIC_NAMES;
    // A bad batch item is dead-lettered re-encoded as a batch of one, under the registered id.
    await this.codec.lookUpIds(DATASET_BATCH_TOPICS.map((topic) => topics[topic]));
    const writeBehind =
      this.options.flushIntervalMs > 0
        ? new DatasetWriteBehind(store, this.options.maxChunk)
        : undefined;
    const write = writeBehind
      ? (rows: TableRows) => writeBehind.add(rows)
      : async (rows: TableRows) => {
          const { error } = await writeTables(store, rows);
          if (error !== undefined) throw error;
        };
    this.consumer = new BatchConsumer(
      this.kafka,
      {
        groupId: this.options.groupId,
        topics: CONSUMED_DATASET_TOPICS.map((topic) => topics[topic]),
        handler: datasetsHandler(this.codec, topics, write),
        ...(writeBehind
          ? {
              deferred: {
                intervalMs: this.options.flushIntervalMs,
                flush: (final: boolean) => writeBehind.flush(final),
              },
            }
          : {}),
        maxChunk: this.options.maxChunk,
        ...(this.options.sessionTimeoutMs
          ? { sessionTimeoutMs: this.options.sessionTimeoutMs }
          : {}),
        ...(this.options.onLag ? { onLag: this.options.onLag } : {}),
      },
      this.logger,
    );
    await this.consumer.start();
  }

  /** Consuming, and not stuck on a flush that can never succeed: what readiness reports. */
  get running(): boolean {
    return this.consumer?.running ?? false;
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }
}
