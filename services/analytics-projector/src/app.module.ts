import { type ClickHouseClient } from '@clickhouse/client';
import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EventCodec } from '@tributary/contracts';
import {
  eventCodecOptions,
  createClickHouse,
  createKafka,
  createLogger,
  HealthModule,
  loggingModule,
  METRICS_REGISTRY,
  MetricsModule,
  type ReadinessCheck,
} from '@tributary/platform';
import { Gauge, type Registry } from 'prom-client';
import { type ProjectorConfig } from './config/projector.config';
import { assertProjectorMigrated } from './migrate';
import { DatasetsProjector, datasetsGroupId } from './datasets/datasets.projector';
import { TelemetryProjector } from './telemetry/telemetry.projector';

const SERVICE = 'analytics-projector';
const CLICKHOUSE = Symbol('CLICKHOUSE');
/** One gauge for every consumer of the service, told apart by its `group` label. */
const CONSUMER_LAG = Symbol('CONSUMER_LAG');

/** Starts the projections once the app is up and stops them (committing, leaving the group) on shutdown. */
class ProjectionsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(TelemetryProjector) private readonly telemetry: TelemetryProjector,
    @Inject(DatasetsProjector) private readonly datasets: DatasetsProjector,
    @Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // One after the other: both run ClickHouse migrations (MIGRATIONS=on-start), recorded in one
    // schema_migrations.
    await this.telemetry.start();
    await this.datasets.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.telemetry.stop(), this.datasets.stop()]);
    await this.clickhouse.close();
  }
}

@Module({})
export class AnalyticsProjectorModule {
  static forRoot(config: ProjectorConfig): DynamicModule {
    const logger = createLogger(SERVICE, config.LOG_LEVEL);
    return {
      module: AnalyticsProjectorModule,
      // Global so the health checks (built inside HealthModule) can inject these providers.
      global: true,
      exports: [CLICKHOUSE, TelemetryProjector, DatasetsProjector],
      imports: [
        loggingModule(SERVICE, config.LOG_LEVEL),
        MetricsModule.forRoot(SERVICE),
        HealthModule.forRoot({
          inject: [CLICKHOUSE, TelemetryProjector, DatasetsProjector],
          useFactory: (
            clickhouse: ClickHouseClient,
            telemetry: TelemetryProjector,
            datasets: DatasetsProjector,
          ): ReadinessCheck[] => [
            {
              name: 'clickhouse',
              check: async () => {
                const result = await clickhouse.ping();
                if (!result.success) throw result.error;
              },
            },
            {
              name: 'kafka-consumer',
              check: async () => {
                if (!telemetry.running) throw new Error('the telemetry consumer is not running');
              },
            },
            {
              name: 'datasets-consumer',
              check: async () => {
                if (!datasets.running) throw new Error('the datasets consumer is not running');
              },
            },
          ],
        }),
      ],
      providers: [
        {
          provide: CLICKHOUSE,
          useFactory: async () => {
            const clickhouse = createClickHouse(config, logger);
            // MIGRATIONS=skip: `node . migrate` (a Job) has applied them before the rollout;
            // refuse to start if it has not (on-start: the projections apply them as they start).
            if (config.MIGRATIONS === 'skip') {
              await assertProjectorMigrated(clickhouse).catch(async (error: unknown) => {
                await clickhouse.close();
                throw error;
              });
            }
            return clickhouse;
          },
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
          provide: TelemetryProjector,
          inject: [CLICKHOUSE, CONSUMER_LAG],
          useFactory: (clickhouse: ClickHouseClient, lag: Gauge) => {
            const flushIntervalMs = config.PROJECTOR_FLUSH_INTERVAL_MS;
            return new TelemetryProjector(
              createKafka(config, SERVICE, logger),
              clickhouse,
              new EventCodec(eventCodecOptions(config)),
              logger,
              {
                groupId: config.PROJECTOR_GROUP_ID,
                maxChunk: config.PROJECTOR_MAX_CHUNK,
                sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
                migrate: config.MIGRATIONS === 'on-start',
                ...(flushIntervalMs > 0
                  ? {
                      writeBehind: {
                        flushIntervalMs,
                        rollupIntervalMs: config.PROJECTOR_ROLLUP_INTERVAL_MS,
                        holdCommitMs: config.PROJECTOR_FAULT_COMMIT_HOLD_MS,
                      },
                    }
                  : {}),
                onLag: (topic, partition, value) =>
                  lag.set(
                    { group: config.PROJECTOR_GROUP_ID, topic, partition: String(partition) },
                    value,
                  ),
              },
            );
          },
        },
        {
          provide: DatasetsProjector,
          inject: [CLICKHOUSE, CONSUMER_LAG],
          useFactory: (clickhouse: ClickHouseClient, lag: Gauge) => {
            const groupId = datasetsGroupId(config.PROJECTOR_GROUP_ID);
            return new DatasetsProjector(
              createKafka(config, `${SERVICE}-datasets`, logger),
              clickhouse,
              new EventCodec(eventCodecOptions(config)),
              logger,
              {
                groupId,
                maxChunk: config.PROJECTOR_MAX_CHUNK,
                sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
                flushIntervalMs: config.PROJECTOR_FLUSH_INTERVAL_MS,
                migrate: config.MIGRATIONS === 'on-start',
                onLag: (topic, partition, value) =>
                  lag.set({ group: groupId, topic, partition: String(partition) }, value),
              },
            );
          },
        },
        ProjectionsLifecycle,
      ],
    };
  }
}
