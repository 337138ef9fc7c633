import { ANALYTICS_MIGRATIONS } from '@tributary/read-models';
import { type ClickHouseClient } from '@clickhouse/client';
import { EventCodec } from '@tributary/contracts';
import {
  BatchConsumer,
  readClickHouseMigrations,
  runClickHouseMigrations,
  type Logger,
} from '@tributary/platform';
import { type Kafka } from 'kafkajs';
import { ClickHouseTelemetryStore } from './telemetry.clickhouse-store';
import { TelemetryWriteBehind } from './telemetry.write-behind';
import { telemetryHandler, type TelemetryTopics } from './telemetry.handler';

export const TELEMETRY_TOPICS = {
  recorded: 'telemetry.readings',
  recordedBatches: 'telemetry.readings-batches',
  corrected: 'telemetry.readings-corrected',
} as const;

/** Its tables' migrations (`@tributary/read-models`: the gateway's tests apply them too). */
export const TELEMETRY_MIGRATIONS = ANALYTICS_MIGRATIONS.telemetry;

/**
 * The telemetry projection's lifecycle: its ClickHouse migrations, then the consumer of the
 * telemetry topics (readings, their batches, corrections). Stopping leaves the group after the
 * chunk in hand is committed.
 */
export class TelemetryProjector {
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
      /**
       * Readings are inserted every `flushIntervalMs` (or sooner past `maxChunk` held rows) and
       * rollups recomputed every `rollupIntervalMs`; without it, both happen per chunk.
       */
      writeBehind?: { flushIntervalMs: number; rollupIntervalMs: number; holdCommitMs?: number };
      onLag?: (topic: string, partition: number, lag: number) => void;
      /** Apply the ClickHouse migrations before consuming (default true; false: a Job did). */
      migrate?: boolean;
      /** The topics read (default TELEMETRY_TOPICS; a benchmark reads renamed copies). */
      topics?: TelemetryTopics;
    },
  ) {}

  async start(): Promise<void> {
    if (this.options.migrate ?? true) {
      const applied = await runClickHouseMigrations(
        this.clickhouse,
        readClickHouseMigrations(TELEMETRY_MIGRATIONS),
        this.logger,
      );
      this.logger.info({ module: 'telemetry', applied }, 'ClickHouse schema up to date');
    }
    const store = new ClickHouseTelemetryStore(this.clickhouse);
    // A bad reading of a batch is dead-lettered re-encoded as a batch of one, under the registered id.
    const topics = this.options.topics ?? TELEMETRY_TOPICS;
    await this.codec.lookUpIds([topics.recordedBatches]);
    const settings = this.options.writeBehind;
    const writeBehind = settings
      ? new TelemetryWriteBehind(store, {
          maxRows: this.options.maxChunk,
          rollupIntervalMs: settings.rollupIntervalMs,
        })
      : undefined;
    this.consumer = new BatchConsumer(
      this.kafka,
      {
        groupId: this.options.groupId,
        topics: Object.values(topics),
        handler: telemetryHandler(this.codec, store, topics, Date.now, writeBehind),
        ...(settings && writeBehind
          ? {
              deferred: {
                intervalMs: settings.flushIntervalMs,
                flush: (final: boolean) => writeBehind.flush(final),
                holdCommitMs: settings.holdCommitMs ?? 0,
                mayHaveMoved: () => writeBehind.mayHaveMoved(),
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

  get running(): boolean {
    return this.consumer?.running ?? false;
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }
}
