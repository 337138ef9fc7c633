import { type ClickHouseClient } from '@clickhouse/client';
import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { EventCodec } from '@tributary/contracts';
import {
  assertMigrated,
  createClickHouse,
  createKafka,
  createLogger,
  createRedis,
  EVENT_BUS,
  eventCodecOptions,
  HealthModule,
  KafkaEventBus,
  loggingModule,
  MetricsModule,
  type ReadinessCheck,
} from '@tributary/platform';
import { type Redis } from 'ioredis';
import { type DataSource } from 'typeorm';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthenticationGuard, AuthorizationGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { BankingModule } from './banking/banking.module';
import { type GatewayConfig } from './config/gateway.config';
import { EnergyModule } from './energy/energy.module';
import { EvModule } from './ev/ev.module';
import { FilesModule } from './files/files.module';
import { ApiIndexController, RouteCatalog } from './http/api-index.controller';
import { ProblemFilter } from './http/problem.filter';
import { CLICKHOUSE, POSTGRES, REDIS } from './infrastructure';
import { JobsModule } from './jobs/jobs.module';
import { createGatewayDataSource, migrateGateway } from './migrate';
import { QualityModule } from './quality/quality.module';
import { RetailModule } from './retail/retail.module';
import { SensorsModule } from './sensors/sensors.module';
import {
  RouteThrottlerGuard,
  THROTTLE_SETTINGS,
  type ThrottleSettings,
} from './throttling/route-throttler.guard';

const SERVICE = 'gateway';
/** Connects the event bus once the gateway has started; closes the connections on shutdown. */
@Injectable()
class GatewayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(POSTGRES) private readonly db: DataSource,
    @Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(EVENT_BUS) private readonly bus: KafkaEventBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
    await this.bus.disconnect().catch(() => undefined);
    await Promise.allSettled([this.clickhouse.close(), this.db.destroy()]);
  }
}

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const logger = createLogger(SERVICE, config.LOG_LEVEL);
    const readiness = (
      db: DataSource,
      clickhouse: ClickHouseClient,
      redis: Redis,
    ): ReadinessCheck[] => [
      { name: 'postgres', check: async () => void (await db.query('SELECT 1')) },
      {
        name: 'clickhouse',
        check: async () => {
          const { success } = await clickhouse.ping();
          if (!success) throw new Error('ClickHouse did not answer the ping');
        },
      },
      { name: 'redis', check: async () => void (await redis.ping()) },
    ];
    return {
      module: GatewayModule,
      global: true,
      imports: [
        loggingModule(SERVICE, config.LOG_LEVEL),
        // /metrics is served on OPS_PORT (main.ts), never on the public port.
        MetricsModule.forRoot(SERVICE, { route: false }),
        HealthModule.forRoot({ useFactory: readiness, inject: [POSTGRES, CLICKHOUSE, REDIS] }),
        ThrottlerModule.forRootAsync({
          inject: [REDIS],
          useFactory: (redis: Redis) => ({
            // RouteThrottlerGuard charges its own policies (THROTTLE_SETTINGS); the module
            // provides the Redis storage and the options its base class expects.
            throttlers: [{ name: 'default', limit: 1, ttl: 1 }],
            storage: new ThrottlerStorageRedisService(redis),
          }),
        }),
        AuditModule.forRoot(config),
        AuthModule.forRoot(config),
        SensorsModule.forRoot(config),
        FilesModule.forRoot(config),
        JobsModule,
        EvModule,
        BankingModule,
        EnergyModule,
        RetailModule,
        QualityModule,
        AdminModule,
      ],
      controllers: [ApiIndexController],
      providers: [
        {
          provide: POSTGRES,
          useFactory: async () => {
            const db = createGatewayDataSource(config);
            await db.initialize();
            // MIGRATIONS=skip: `node . migrate` (a Job) has applied them before the rollout;
            // refuse to start if it has not.
            if (config.MIGRATIONS === 'on-start') {
              await migrateGateway(db);
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
          provide: CLICKHOUSE,
          useFactory: () =>
            createClickHouse(config, logger, config.CLICKHOUSE_DATABASE, {
              maxExecutionTimeS: config.QUERY_TIMEOUT_S,
            }),
        },
        {
          provide: EVENT_BUS,
          useFactory: () =>
            new KafkaEventBus(
              createKafka(config, SERVICE, logger),
              new EventCodec(eventCodecOptions(config)),
              logger,
              { sendTimeoutMs: 10_000 },
            ),
        },
        { provide: REDIS, useFactory: () => createRedis(config) },
        {
          provide: THROTTLE_SETTINGS,
          useValue: {
            trustedProxyHops: config.TRUSTED_PROXY_HOPS,
            routeLimits: config.RATE_LIMITS,
            principalBudgets: config.PRINCIPAL_RATE_LIMITS,
          } satisfies ThrottleSettings,
        },
        RouteCatalog,
        GatewayLifecycle,
        // Guards run in this order: who is calling, may they, and have they called too often.
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: AuthorizationGuard },
        { provide: APP_GUARD, useClass: RouteThrottlerGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
      exports: [POSTGRES, CLICKHOUSE, REDIS, EVENT_BUS],
    };
  }
}
