export {
  ConfigError,
  configProblems,
  env,
  isProduction,
  loadConfig,
  loadConfigOrExit,
  secretProblem,
  secretsOf,
  type SecretKind,
} from './config/config';
export {
  configTable,
  configVariables,
  withConfigTable,
  type ConfigVariable,
} from './config/config-table';
export {
  migrationsConfigSchema,
  runMigrateCommand,
  serviceCommand,
  UsageError,
  type AppliedMigrations,
  type MigrateCommand,
  type MigrateCommandIo,
  type MigrationsConfig,
  type ServiceCommand,
} from './config/migrate-command';
export {
  createLogger,
  loggerOptions,
  loggingConfigSchema,
  logLevels,
  type Logger,
} from './logging/logger';
export { loggingModule } from './logging/logging.module';
export { correlationId } from './logging/correlation-id';
export { createFastifyAdapter } from './http/fastify-adapter';
export { createNestService, serviceMain, type ServiceMain } from './http/service-main';
export { PROBE_ROUTE, ProbeRoute, PUBLIC_ROUTE, PublicRoute } from './health/public-route';
export { HealthModule } from './health/health.module';
export { READINESS_CHECKS, type ReadinessCheck } from './health/readiness-check';
export { METRICS_REGISTRY, MetricsModule } from './health/metrics.module';
export { startOpsServer } from './health/ops-server';
export { EVENT_BUS, EventBusUnavailableError, type EventBus } from './events/event-bus';
export { KafkaEventBus } from './kafka/kafka-event-bus';
export {
  consumerConfigSchema,
  DEFAULT_SESSION_TIMEOUT_MS,
  eventCodecOptions,
  heartbeatIntervalFor,
  KAFKA_SASL_MECHANISMS,
  kafkaConfigProblems,
  kafkaConfigSchema,
  refineKafkaConfig,
  type ConsumerConfig,
  type KafkaConfig,
  type KafkaSaslMechanism,
} from './kafka/kafka.config';
export { createKafka, kafkaLogCreator, kafkaSecurity } from './kafka/kafka-client.factory';
export {
  BatchConsumer,
  type BatchConsumerOptions,
  type BatchHandler,
  type ConsumedMessage,
  type DeadLetter,
} from './kafka/batch-consumer';
export { decodeEvents, projectEach, type ConsumedEvents } from './kafka/consumed-events';
export { clickHouseConfigSchema, type ClickHouseConfig } from './clickhouse/clickhouse.config';
export { createClickHouseDatabase, dropClickHouseDatabase } from './clickhouse/clickhouse-database';
export {
  createClickHouse,
  type ClickHouseReadLimits,
} from './clickhouse/clickhouse-client.factory';
export {
  classifyClickHouseError,
  clickHouseCall,
  clickHouseErrorCode,
  ClickHouseStatementError,
  isClickHouseResultTooLarge,
  isClickHouseUnavailable,
} from './clickhouse/clickhouse-errors';
export {
  pendingClickHouseMigrations,
  readClickHouseMigrations,
  runClickHouseMigrations,
  type ClickHouseMigration,
} from './clickhouse/migrations';
export * as ch from './clickhouse/sql';
export {
  insertRowBinary,
  rowBinaryEncoder,
  RowBinaryEncoder,
  RowBinaryTypeError,
  RowBinaryValueError,
  type RowBinaryClient,
  type RowBinaryColumn,
} from './clickhouse/row-binary';
export { postgresConfigSchema, type PostgresConfig } from './postgres/postgres.config';
export { createDataSource, type DataSourceOptions } from './postgres/data-source.factory';
export { isPostgresUnavailable } from './postgres/postgres-errors';
export { assertMigrated, runMigrations } from './postgres/migrations';
export { redisConfigSchema, type RedisConfig } from './redis/redis.config';
export { createRedis } from './redis/redis-client.factory';
export { sftpConfigSchema, type SftpConfig } from './sftp/sftp.config';
export { connectSftp } from './sftp/sftp-client.factory';
export {
  sftpSessions,
  type OpenSftpSession,
  type RemoteFile,
  type SftpSession,
} from './sftp/sftp-session';
export {
  assertSafeKey,
  FileTooLargeError,
  LandingObjectNotFoundError,
  LandingStoreUnavailableError,
  landingKey,
  type LandedObject,
  type LandingStore,
} from './landing/landing-store';
export { FilesystemLandingStore } from './landing/filesystem-landing-store';
export {
  FileIntake,
  type FileSource,
  type IncomingFile,
  type QueuedJob,
} from './landing/file-intake';
export {
  createLandingStore,
  landingConfigSchema,
  refineLandingConfig,
  type LandingConfig,
} from './landing/landing.config';
export { S3LandingStore, type S3LandingOptions } from './landing/s3-landing-store';
export { provisionConfigSchema } from './tools/provision';
