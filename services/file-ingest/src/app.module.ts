import {
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EventCodec } from '@tributary/contracts';
import {
  assertMigrated,
  eventCodecOptions,
  createKafka,
  createLogger,
  FileIntake,
  createLandingStore,
  HealthModule,
  KafkaEventBus,
  loggingModule,
  MetricsModule,
  sftpSessions,
  type LandingStore,
  type ReadinessCheck,
} from '@tributary/platform';
import { type DataSource } from 'typeorm';
import { type FileIngestConfig } from './config/file-ingest.config';
import { openFile } from './formats/open-file';
import { FilesReceivedConsumer } from './jobs/files-received.consumer';
import { IngestJobRunner } from './jobs/ingest-job.runner';
import { PostgresJobLedger } from './jobs/job-ledger.postgres';
import { createLedgerDataSource, migrateLedger } from './migrate';
import { InboxWatcher } from './sources/inbox-watcher';
import { PostgresSftpFileStore } from './sources/sftp-file.postgres-store';
import { SftpPoller } from './sources/sftp-poller';

const SERVICE = 'file-ingest';

/** Everything that runs: built once from the config, started after boot, stopped in reverse. */
export class FileIngestWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly jobs: FilesReceivedConsumer;
  readonly inbox: InboxWatcher | undefined;
  readonly sftp: SftpPoller | undefined;
  private readonly bus: KafkaEventBus;
  private stopping = false;

  constructor(
    readonly db: DataSource,
    store: LandingStore,
    config: FileIngestConfig,
  ) {
    const logger = createLogger(SERVICE, config.LOG_LEVEL);
    const kafka = createKafka(config, SERVICE, logger);
    // Every event is built from a row its dataset's declaration has already parsed and checked
    // (the declaration is held to the .avsc), so the codec does not check each one again before
    // writing it; avsc's writer still refuses a value of the wrong type, naming its field.
    const codec = new EventCodec({ ...eventCodecOptions(config), checkBeforeEncoding: false });
    this.bus = new KafkaEventBus(kafka, codec, logger, {
      sendTimeoutMs: config.PUBLISH_TIMEOUT_MS,
    });
    const runner = new IngestJobRunner(
      {
        store,
        bus: this.bus,
        ledger: new PostgresJobLedger(db),
        openFile,
        clock: () => new Date(),
        log: logger.child({ module: 'jobs' }),
        stopping: () => this.stopping,
      },
      {
        chunkRows: config.PUBLISH_CHUNK_ROWS,
        batches: config.PUBLISH_BATCHES,
        maxInFlight: config.PUBLISH_IN_FLIGHT,
        progressIntervalMs: config.JOB_PROGRESS_INTERVAL_MS,
        maxRowChars: config.MAX_ROW_CHARS,
        zipLimits: {
          maxEntries: config.XLSX_MAX_ENTRIES,
          maxInflatedBytes: config.XLSX_MAX_INFLATED_BYTES,
          maxSharedStringsBytes: config.XLSX_MAX_SHARED_STRINGS_BYTES,
        },
        defaultThresholdKwh: config.ENERGY_ALERT_THRESHOLD_KWH ?? null,
        retry: { initialMs: 200, maxMs: 10_000 },
      },
    );
    this.jobs = new FilesReceivedConsumer(
      kafka,
      codec,
      runner,
      logger,
      config.FILE_INGEST_GROUP_ID,
      config.KAFKA_SESSION_TIMEOUT_MS,
    );
    const intake = new FileIntake(store, this.bus);
    const maxBytes = config.MAX_FILE_BYTES;
    this.inbox = config.INBOX_DIR
      ? new InboxWatcher(
          intake,
          {
            dir: config.INBOX_DIR,
            dataset: config.INBOX_DATASET,
            pollMs: config.INBOX_POLL_MS,
            maxBytes,
          },
          logger,
        )
      : undefined;
    this.sftp =
      config.SFTP_FOLDERS &&
      config.SFTP_HOST &&
      config.SFTP_PORT &&
      config.SFTP_USERNAME &&
      config.SFTP_PRIVATE_KEY_PATH
        ? new SftpPoller(
            sftpSessions(
              {
                SFTP_HOST: config.SFTP_HOST,
                SFTP_PORT: config.SFTP_PORT,
                SFTP_USERNAME: config.SFTP_USERNAME,
                SFTP_PRIVATE_KEY_PATH: config.SFTP_PRIVATE_KEY_PATH,
              },
              logger,
            ),
            intake,
            new PostgresSftpFileStore(db),
            {
              server: `${config.SFTP_HOST}:${config.SFTP_PORT}`,
              folders: config.SFTP_FOLDERS ?? [],
              pollMs: config.SFTP_POLL_MS,
              maxBytes,
            },
            logger,
          )
        : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.connect();
    await this.jobs.start();
    await this.inbox?.start();
    this.sftp?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.sftp?.stop();
    await this.inbox?.stop();
    await this.jobs.stop();
    await this.bus.disconnect();
    await this.db.destroy();
  }
}

@Module({})
export class FileIngestModule {
  static forRoot(config: FileIngestConfig): DynamicModule {
    return {
      module: FileIngestModule,
      global: true,
      exports: [FileIngestWorkers],
      imports: [
        loggingModule(SERVICE, config.LOG_LEVEL),
        MetricsModule.forRoot(SERVICE),
        HealthModule.forRoot({
          inject: [FileIngestWorkers],
          useFactory: (workers: FileIngestWorkers): ReadinessCheck[] => [
            {
              name: 'postgres',
              check: async () => {
                await workers.db.query('SELECT 1');
              },
            },
            {
              name: 'job-consumer',
              check: async () => {
                if (!workers.jobs.running) throw new Error('the job consumer is not running');
              },
            },
          ],
        }),
      ],
      providers: [
        {
          provide: FileIngestWorkers,
          useFactory: async () => {
            const db = createLedgerDataSource(config, 4);
            await db.initialize();
            // MIGRATIONS=skip: `node . migrate` (a Job) has applied them before the rollout;
            // refuse to start if it has not.
            if (config.MIGRATIONS === 'on-start') {
              await migrateLedger(db, config);
            } else {
              await assertMigrated(db).catch(async (error: unknown) => {
                await db.destroy();
                throw error;
              });
            }
            return new FileIngestWorkers(db, await createLandingStore(config), config);
          },
        },
      ],
    };
  }
}
