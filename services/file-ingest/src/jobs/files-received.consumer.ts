import { EventCodec, UndecodableMessageError } from '@tributary/contracts';
import { BatchConsumer, type Logger } from '@tributary/platform';
import { type Kafka } from 'kafkajs';
import { type IngestJobRunner } from './ingest-job.runner';

export const FILES_RECEIVED = 'ingest.files-received';

/**
 * The job queue: each FileReceived claim check is one job, run to its end before its offset is
 * committed, so a worker that dies mid-file leaves the job to the next one, which re-runs it
 * (rows republished with the same ids: nothing doubles). Replicas share the partitions.
 */
export class FilesReceivedConsumer {
  private consumer: BatchConsumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly codec: EventCodec,
    private readonly runner: IngestJobRunner,
    private readonly logger: Logger,
    private readonly groupId: string,
    /** The group session (KAFKA_SESSION_TIMEOUT_MS): how soon a dead worker's jobs move on. */
    private readonly sessionTimeoutMs?: number,
  ) {}

  async start(): Promise<void> {
    this.consumer = new BatchConsumer(
      this.kafka,
      {
        groupId: this.groupId,
        topics: [FILES_RECEIVED],
        maxChunk: 1,
        ...(this.sessionTimeoutMs ? { sessionTimeoutMs: this.sessionTimeoutMs } : {}),
        handler: async (messages) => {
          const letters = [];
          for (const message of messages) {
            try {
              const file = await this.codec.decode(
                FILES_RECEIVED,
                message.value ?? Buffer.alloc(0),
              );
              await this.runner.run(file);
            } catch (error) {
              if (!(error instanceof UndecodableMessageError)) throw error;
              letters.push({ message, code: error.code, reason: error.message });
            }
          }
          return letters;
        },
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
