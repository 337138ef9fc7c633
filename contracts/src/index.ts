export * from './generated/events';
export {
  BATCHED_TOPICS,
  batchTopicSpecOf,
  DLQ_RETENTION_DAYS,
  dlqOf,
  subjectOf,
  topicOfDataset,
  topicConfig,
  topicSpec,
  TOPICS,
  type Service,
  type TopicSpec,
} from './catalog';
export {
  COMPATIBILITY,
  EventCodec,
  type EventCodecOptions,
  type EventMessage,
  type Topic,
} from './codec';
export { fixtureMetadata, INVALID_EVENTS, VALID_EVENTS } from './fixtures';
export {
  backoffMs,
  ContractError,
  IncompatibleSchemaError,
  InvalidEventError,
  RegistryUnavailableError,
  retriableOf,
  TributaryError,
  UndecodableMessageError,
} from './errors';
export { IDEMPOTENT_PRODUCER, ignoreKafkajsNegativeTimeoutWarning } from './kafkajs-node24';
export { logicalTypes, LOGICAL_TYPE_TS_NAMES } from './logical-types';
export {
  composeSchema,
  readSchemaFiles,
  SCHEMAS_DIR,
  type AvroSchema,
  type SchemaFile,
} from './schemas';
export { createTopicsWithLeaders, ensureTopics, type EnsureTopicsResult } from './topics-admin';
export { EventPublisher, type PublishOptions } from './publisher';
export {
  FILE_ROW_NAMESPACE,
  fileRowEventId,
  fileRowEventIds,
  nameBasedUuid,
  READING_ID_NAMESPACE,
  readingIdFor,
} from './event-ids';
export {
  CORRECT_READING,
  correctReadingCommandSchema,
  type CorrectReadingCommand,
  type CorrectReadingReply,
  describeIssues,
  MAX_READINGS_PER_REQUEST,
  RECORD_READINGS,
  readingInputSchema,
  readingsBatchSchema,
  recordReadingsCommandProblems,
  validatedReading,
  type ReadingInput,
  type RecordReadingsCommand,
  type ValidatedReading,
  type RecordReadingsReply,
  type RpcFailure,
} from './rpc/sensor-readings';
export {
  MIN_SERVICE_CREDENTIAL_LENGTH,
  openServiceMessage,
  sealServiceMessage,
  type ServiceMessage,
} from './rpc/service-message';
export {
  boundsMessage,
  MEASUREMENT_BOUNDS,
  MEASUREMENTS,
  ONE_MEASUREMENT_MESSAGE,
  readingProblems,
  SENSOR_ID,
  type Measurement,
  type ReadingValues,
} from './readings';
export {
  DATASET_DECLARATIONS,
  DATASET_TABLES,
  DATASETS,
  isDataset,
  type DatasetName,
  type DatasetTables,
} from './datasets';
export {
  anyOfMessage,
  declareDataset,
  EMAIL,
  eventOf,
  fieldOf,
  notBeforeMessage,
  occurredAtOf,
  personalFieldsOf,
  requiredWithMessage,
  rowRuleProblems,
  type Bounds,
  type DatasetDeclaration,
  type DatasetField,
  type FieldType,
  type PersonalKind,
  type RowRule,
} from './dataset-declaration';
export { eventMetadata, type EnvelopeFacts } from './event-metadata';
export { FINAL_JOB_STATUSES, isFinalJobStatus, JOB_STATUSES } from './job-statuses';
export {
  columnKey,
  fieldsByColumnKey,
  recognizeDataset,
  type Recognition,
} from './dataset-recognition';
export { schemaMismatches } from './dataset-schema';
export {
  batchEventOf,
  batchOfEvents,
  batchTopicOf,
  DEFAULT_BATCH_BOUNDS,
  eventsOfBatch,
  shareBatchEnvelope,
  topicOfBatch,
  type AnyEvent,
  type Batch,
  type BatchBounds,
  type BatchItem,
} from './batches';
export { partitionOf } from './partitions';
