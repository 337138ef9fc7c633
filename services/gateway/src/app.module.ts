import { type ClickHouseClient } from '@clickhouse/client';
import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { EventCodec } from '@tributary/contracts';
import {
  assertMigrated,
  eventCodecOptions,
  createClickHouse,
  createKafka,
  createLogger,
  FileIntake,
  createLandingStore,
  KafkaEventBus,
  createRedis,
  HealthModule,
  loggingModule,
  MetricsModule,
  type ReadinessCheck,
} from '@tributary/platform';
import { type Redis } from 'ioredis';
import { type DataSource } from 'typeorm';
import { ACCOUNT_STORE } from './auth/account';
import { TypeOrmAccountStore } from './auth/accounts.typeorm-store';
import { API_KEY_STORE } from './auth/api-key';
import { ApiKeysController } from './auth/api-keys.controller';
import { ApiKeysService } from './auth/api-keys.service';
import { TypeOrmApiKeyStore } from './auth/api-keys.typeorm-store';
import { AuthController } from './auth/auth.controller';
import { AuthenticationGuard, PermissionGuard } from './auth/auth.guard';
import { AUTH_CLOCK, AUTH_SETTINGS, AuthService, type AuthSettings } from './auth/auth.service';
import { JWT_SETTINGS, JwtStrategy, type JwtSettings } from './auth/jwt.strategy';
import { Argon2PasswordHasher, PASSWORD_HASHER } from './auth/password-hasher';
import { type GatewayConfig } from './config/gateway.config';
import { createGatewayDataSource, migrateGateway } from './migrate';
import { ApiIndexController, RouteCatalog } from './http/api-index.controller';
import { ProblemFilter } from './http/problem.filter';
import { AdminModule } from './admin/admin.module';
import { BankingModule } from './banking/banking.module';
import { EnergyModule } from './energy/energy.module';
import { EvModule } from './ev/ev.module';
import { CLICKHOUSE, POSTGRES, REDIS } from './infrastructure';
import { QualityModule } from './quality/quality.module';
import { RetailModule } from './retail/retail.module';
import { FilesController } from './files/files.controller';
import { FILE_INTAKE, FilesService, UPLOAD_LIMITS, type UploadLimits } from './files/files.service';
import { JobsController } from './jobs/jobs.controller';
import { PostgresJobsStore } from './jobs/jobs.postgres-store';
import { JobsService } from './jobs/jobs.service';
import { JOBS_STORE } from './jobs/jobs.store';
import { ReadingsController } from './sensors/readings.controller';
import { ClickHouseReadingsStore } from './sensors/readings.clickhouse-store';
import { ReadingsService } from './sensors/readings.service';
import { READINGS_STORE } from './sensors/readings.store';
import { RpcSensorIngest } from './sensors/sensor-ingest.rpc-client';
import { SENSOR_INGEST } from './sensors/sensor-ingest.port';
import { rateLimitClassOf } from './throttling/rate-limit.decorator';
import { RouteThrottlerGuard, TRUSTED_PROXY_HOPS } from './throttling/route-throttler.guard';

const SERVICE = 'gateway';
const SENSOR_INGEST_CLIENT = Symbol('SENSOR_INGEST_CLIENT');
const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
const EVENT_BUS = Symbol('GATEWAY_EVENT_BUS');

/** Creates the configured admin once the accounts table exists; closes connections on shutdown. */
@Injectable()
class GatewayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('gateway');

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly auth: AuthService,
    @Inject(POSTGRES) private readonly db: DataSource,
    @Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SENSOR_INGEST_CLIENT) private readonly ingest: ClientProxy,
    @Inject(EVENT_BUS) private readonly bus: KafkaEventBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.connect();
    const { TRIBUTARY_ADMIN_EMAIL: email, TRIBUTARY_ADMIN_PASSWORD: password } = this.config;
    if (email && password) {
      const outcome = await this.auth.ensureAdmin(email, password);
      this.log.log({ email: email.toLowerCase(), outcome }, 'admin account ready');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.ingest.close();
    this.redis.disconnect();
    await this.bus.disconnect().catch(() => undefined);
    await Promise.allSettled([this.clickhouse.close(), this.db.destroy()]);
  }
}

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const logger = createLogger(SERVICE, config.LOG_LEVEL);
    const [ingestHost, ingestPort] = config.SENSOR_INGEST_ADDRESS[0]!.split(':') as [
      string,
      string,
    ];
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
        MetricsModule.forRoot(SERVICE),
        HealthModule.forRoot({ useFactory: readiness, inject: [POSTGRES, CLICKHOUSE, REDIS] }),
        PassportModule,
        JwtModule.register({
          secret: config.JWT_SECRET,
          signOptions: {
            algorithm: 'HS256',
            issuer: config.JWT_ISSUER,
            audience: config.JWT_AUDIENCE,
          },
        }),
        ThrottlerModule.forRootAsync({
          inject: [REDIS],
          useFactory: (redis: Redis) => ({
            throttlers: [
              {
                // Named `default` so the guard's header is plain `Retry-After`.
                name: 'default',
                limit: (context) => config.RATE_LIMITS[rateLimitClassOf(context) ?? 'query'].limit,
                ttl: (context) => config.RATE_LIMITS[rateLimitClassOf(context) ?? 'query'].windowMs,
              },
            ],
            skipIf: (context) => rateLimitClassOf(context) === undefined,
            storage: new ThrottlerStorageRedisService(redis),
          }),
        }),
        EvModule,
        BankingModule,
        EnergyModule,
        RetailModule,
        QualityModule,
        AdminModule,
      ],
      controllers: [
        AuthController,
        ApiKeysController,
        ReadingsController,
        FilesController,
        JobsController,
        ApiIndexController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
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
        {
          provide: FILE_INTAKE,
          inject: [EVENT_BUS],
          useFactory: async (bus: KafkaEventBus) =>
            new FileIntake(await createLandingStore(config), bus),
        },
        {
          provide: UPLOAD_LIMITS,
          useValue: {
            maxFileBytes: config.MAX_FILE_BYTES,
            maxFiles: config.MAX_FILES_PER_UPLOAD,
          } satisfies UploadLimits,
        },
        FilesService,
        {
          provide: JOBS_STORE,
          inject: [POSTGRES],
          useFactory: (db: DataSource) => new PostgresJobsStore(db),
        },
        JobsService,
        { provide: REDIS, useFactory: () => createRedis(config) },
        {
          provide: SENSOR_INGEST_CLIENT,
          useFactory: () =>
            ClientProxyFactory.create({
              transport: Transport.TCP,
              options: { host: ingestHost, port: Number(ingestPort) },
            }),
        },
        {
          provide: SENSOR_INGEST,
          inject: [SENSOR_INGEST_CLIENT],
          useFactory: (client: ClientProxy) => new RpcSensorIngest(client, config.RPC_TIMEOUT_MS),
        },
        {
          provide: READINGS_STORE,
          inject: [CLICKHOUSE],
          useFactory: (clickhouse: ClickHouseClient) => new ClickHouseReadingsStore(clickhouse),
        },
        {
          provide: ACCOUNT_STORE,
          inject: [POSTGRES],
          useFactory: (db: DataSource) => new TypeOrmAccountStore(db),
        },
        {
          provide: API_KEY_STORE,
          inject: [POSTGRES],
          useFactory: (db: DataSource) => new TypeOrmApiKeyStore(db),
        },
        { provide: PASSWORD_HASHER, useClass: Argon2PasswordHasher },
        {
          provide: AUTH_SETTINGS,
          useValue: {
            accessTokenTtlS: config.ACCESS_TOKEN_TTL_S,
            refreshTokenTtlS: config.REFRESH_TOKEN_TTL_S,
          } satisfies AuthSettings,
        },
        { provide: AUTH_CLOCK, useValue: () => new Date() },
        {
          provide: JWT_SETTINGS,
          useValue: {
            secret: config.JWT_SECRET,
            issuer: config.JWT_ISSUER,
            audience: config.JWT_AUDIENCE,
          } satisfies JwtSettings,
        },
        { provide: TRUSTED_PROXY_HOPS, useValue: config.TRUSTED_PROXY_HOPS },
        JwtStrategy,
        AuthService,
        ApiKeysService,
        ReadingsService,
        RouteCatalog,
        GatewayLifecycle,
        // Guards run in this order: who is calling, may they, and have they called too often.
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: PermissionGuard },
        { provide: APP_GUARD, useClass: RouteThrottlerGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
      exports: [POSTGRES, CLICKHOUSE, REDIS],
    };
  }
}
