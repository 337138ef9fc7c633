import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EventCodec } from '@tributary/contracts';
import {
  BatchConsumer,
  createDataSource,
  createKafka,
  createLogger,
  HealthModule,
  loggingModule,
  METRICS_REGISTRY,
  MetricsModule,
  runMigrations,
  type ReadinessCheck,
} from '@tributary/platform';
import { Gauge, type Registry } from 'prom-client';
import { type DataSource } from 'typeorm';
import { type DirectoryProjectorConfig } from './config/directory-projector.config';
import { DIRECTORY_TOPICS, directoryHandler } from './directory.handler';
import { PostgresDirectoryStore } from './directory.postgres-store';
import { CreateDirectory1764200000000 } from './migrations/1764200000000-create-directory';

const SERVICE = 'directory-projector';
const POSTGRES = Symbol('POSTGRES');

/** Starts consuming once the app is up; on shutdown commits, leaves the group, closes the pool. */
class DirectoryLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(BatchConsumer) private readonly consumer: BatchConsumer,
    @Inject(POSTGRES) private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.db.destroy();
  }
}

@Module({})
export class DirectoryProjectorModule {
  static forRoot(config: DirectoryProjectorConfig): DynamicModule {
    const logger = createLogger(SERVICE, config.LOG_LEVEL);
    return {
      module: DirectoryProjectorModule,
      global: true,
      exports: [POSTGRES, BatchConsumer],
      imports: [
        loggingModule(SERVICE, config.LOG_LEVEL),
        MetricsModule.forRoot(SERVICE),
        HealthModule.forRoot({
          inject: [POSTGRES, BatchConsumer],
          useFactory: (db: DataSource, consumer: BatchConsumer): ReadinessCheck[] => [
            { name: 'postgres', check: async () => void (await db.query('SELECT 1')) },
            {
              name: 'kafka-consumer',
              check: async () => {
                if (!consumer.running) throw new Error('the directory consumer is not running');
              },
            },
          ],
        }),
      ],
      providers: [
        {
          provide: POSTGRES,
          useFactory: async () => {
            const schema = config.DIRECTORY_DB_SCHEMA ?? 'directory';
            const db = createDataSource(config, {
              entities: [],
              migrations: [CreateDirectory1764200000000],
              schema,
              poolSize: 4,
            });
            await db.initialize();
            await runMigrations(db, `directory-projector:${schema}`);
            return db;
          },
        },
        {
          provide: BatchConsumer,
          inject: [POSTGRES, METRICS_REGISTRY],
          useFactory: (db: DataSource, registry: Registry) => {
            const lag = new Gauge({
              name: 'tributary_consumer_lag',
              help: 'Messages behind the end of the partition, after the last commit',
              labelNames: ['group', 'topic', 'partition'],
              registers: [registry],
            });
            return new BatchConsumer(
              createKafka(config, SERVICE, logger),
              {
                groupId: config.DIRECTORY_GROUP_ID,
                topics: DIRECTORY_TOPICS,
                handler: directoryHandler(
                  new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL }),
                  new PostgresDirectoryStore(db),
                ),
                maxChunk: config.DIRECTORY_MAX_CHUNK ?? 2_000,
                onLag: (topic, partition, value) =>
                  lag.set(
                    { group: config.DIRECTORY_GROUP_ID, topic, partition: String(partition) },
                    value,
                  ),
              },
              logger,
            );
          },
        },
        DirectoryLifecycle,
      ],
    };
  }
}
