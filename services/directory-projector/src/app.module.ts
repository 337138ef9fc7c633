import {
  Inject,
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
  HealthModule,
  loggingModule,
  METRICS_REGISTRY,
  MetricsModule,
  type ReadinessCheck,
} from '@tributary/platform';
import { Gauge, type Registry } from 'prom-client';
import { type DataSource } from 'typeorm';
import { type DirectoryProjectorConfig } from './config/directory-projector.config';
import { createDirectoryDataSource, migrateDirectory } from './postgres/directory.data-source';
import { PostgresDirectoryStore } from './projection/directory.postgres-store';
import { DirectoryProjector } from './projection/directory.projector';
import { DIRECTORY_STORE, type DirectoryStore } from './projection/directory.store';

const SERVICE = 'directory-projector';
const POSTGRES = Symbol('POSTGRES');
const CONSUMER_LAG = Symbol('CONSUMER_LAG');

/** Starts consuming once the app is up; on shutdown commits, leaves the group, closes the pool. */
class DirectoryLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(DirectoryProjector) private readonly projector: DirectoryProjector,
    @Inject(POSTGRES) private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
    if (this.db.isInitialized) await this.db.destroy();
  }
}

@Module({})
export class DirectoryProjectorModule {
  static forRoot(config: DirectoryProjectorConfig): DynamicModule {
    const logger = createLogger(SERVICE, config.LOG_LEVEL);
    return {
      module: DirectoryProjectorModule,
      // Global so the health checks (built inside HealthModule) can inject these providers.
      global: true,
      exports: [POSTGRES, DirectoryProjector],
      imports: [
        loggingModule(SERVICE, config.LOG_LEVEL),
        MetricsModule.forRoot(SERVICE),
        HealthModule.forRoot({
          inject: [POSTGRES, DirectoryProjector],
          useFactory: (db: DataSource, projector: DirectoryProjector): ReadinessCheck[] => [
            { name: 'postgres', check: async () => void (await db.query('SELECT 1')) },
            {
              name: 'kafka-consumer',
              check: async () => {
                if (!projector.running) throw new Error('the directory consumer is not running');
              },
            },
          ],
        }),
      ],
      providers: [
        {
          // Migrated before anything consumes: the tables exist once the app is up.
          provide: POSTGRES,
          useFactory: async () => {
            const db = createDirectoryDataSource(config, 4);
            await db.initialize();
            // MIGRATIONS=skip: `node . migrate` (a Job) has applied them before the rollout;
            // refuse to start if it has not.
            if (config.MIGRATIONS === 'on-start') {
              const applied = await migrateDirectory(db);
              logger.info({ module: 'postgres', applied }, 'directory schema up to date');
            } else {
              await assertMigrated(db).catch(async (error: unknown) => {
                await db.destroy();
                throw error;
              });
            }
            return db;
          },
        },
        {
          provide: DIRECTORY_STORE,
          inject: [POSTGRES],
          useFactory: (db: DataSource): DirectoryStore => new PostgresDirectoryStore(db),
        },
        {
          provide: CONSUMER_LAG,
          inject: [METRICS_REGISTRY],
          useFactory: (registry: Registry) =>
            new Gauge({
              name: 'tributary_consumer_lag',
              help: 'Messages behind the end of the partition, after the last commit',
              labelNames: ['group', 'topic', 'partition'],
              registers: [registry],
            }),
        },
        {
          provide: DirectoryProjector,
          inject: [DIRECTORY_STORE, CONSUMER_LAG],
          useFactory: (store: DirectoryStore, lag: Gauge) =>
            new DirectoryProjector(
              createKafka(config, SERVICE, logger),
              store,
              new EventCodec(eventCodecOptions(config)),
              logger,
              {
                groupId: config.DIRECTORY_GROUP_ID,
                maxChunk: config.DIRECTORY_MAX_CHUNK,
                sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
                onLag: (topic, partition, value) =>
                  lag.set(
                    { group: config.DIRECTORY_GROUP_ID, topic, partition: String(partition) },
                    value,
                  ),
              },
            ),
        },
        DirectoryLifecycle,
      ],
    };
  }
}
