import { batchEventOf, batchSchemaFileOf, batchTopicOf } from './batches';
import { type DatasetDeclaration } from './dataset-declaration';
import { DATASET_DECLARATIONS, DATASETS } from './datasets';

/**
 * The topic catalog: every topic Tributary owns, the one event type it carries, its key, and how
 * long Kafka keeps it; a dataset's entry is derived from its declaration. Scripts create topics from this list; contracts/README.md shows it as a
 * table, and a test keeps the two equal.
 */
export type Service =
  | 'gateway'
  | 'sensor-ingest'
  | 'file-ingest'
  | 'analytics-projector'
  | 'directory-projector'
  | 'external producers';

export interface TopicSpec {
  /** `<domain>.<entity>[-<event>]` */
  readonly topic: string;
  /** Full Avro name of the one event the topic carries. */
  readonly event: string;
  /** The event's `.avsc`, relative to contracts/schemas. */
  readonly schemaFile: string;
  /** Field whose value is the Kafka message key: it decides the partition, hence the order. */
  readonly key: string;
  readonly partitions: number;
  /**
   * compact: entity state, the latest event per key is kept forever.
   * delete: facts, kept for `retentionDays` then deleted (the landing store keeps raw files).
   */
  readonly cleanup: 'compact' | 'delete';
  readonly retentionDays: number | null;
  readonly producers: readonly Service[];
  readonly consumers: readonly Service[];
}

/** Where a message that cannot be decoded or projected goes, with its reason in headers. */
export const dlqOf = (topic: string): string => `${topic}.dlq`;
export const DLQ_RETENTION_DAYS = 30;
/** Confluent's TopicNameStrategy: the value schema of topic T is subject `T-value`. */
export const subjectOf = (topic: string): string => `${topic}-value`;

const DAY_FACTS = 400; // a year and a month: year-over-year analytics replay from Kafka
const OPERATIONAL = 30; // files received, rejections: useful while a job is investigated

/**
 * A dataset's topic, as its declaration (`datasets.ts`) says: an entity's is compacted, a fact's
 * kept for a year and a month.
 */
export function topicOfDataset(declaration: DatasetDeclaration): TopicSpec {
  const entity = declaration.kind === 'entity';
  return {
    topic: declaration.name,
    event: declaration.event,
    schemaFile: declaration.schemaFile,
    key: declaration.key,
    partitions: declaration.partitions,
    cleanup: entity ? 'compact' : 'delete',
    retentionDays: entity ? null : DAY_FACTS,
    producers: declaration.producers,
    consumers: declaration.consumers,
  };
}

const EVENT_TOPICS: readonly TopicSpec[] = [
  // The datasets' topics first, each from its declaration: a dataset added there is here too.
  ...DATASETS.map((name) => topicOfDataset(DATASET_DECLARATIONS[name])),
  {
    topic: 'telemetry.readings-corrected',
    event: 'tributary.telemetry.SensorReadingCorrected',
    schemaFile: 'telemetry/sensor-reading-corrected.avsc',
    key: 'sensor_id',
    partitions: 6,
    cleanup: 'delete',
    retentionDays: DAY_FACTS,
    producers: ['sensor-ingest'],
    consumers: ['analytics-projector'],
  },
  {
    topic: 'energy.alerts',
    event: 'tributary.energy.ThresholdAlertRaised',
    schemaFile: 'energy/threshold-alert-raised.avsc',
    key: 'user_id',
    partitions: 3,
    cleanup: 'delete',
    retentionDays: DAY_FACTS,
    producers: ['file-ingest'],
    consumers: ['analytics-projector'],
  },
  {
    topic: 'ingest.files-received',
    event: 'tributary.ingest.FileReceived',
    schemaFile: 'ingest/file-received.avsc',
    key: 'job_id',
    partitions: 3,
    cleanup: 'delete',
    retentionDays: OPERATIONAL,
    producers: ['gateway', 'file-ingest'],
    consumers: ['file-ingest'],
  },
  {
    topic: 'ingest.jobs',
    event: 'tributary.ingest.JobStatusChanged',
    schemaFile: 'ingest/job-status-changed.avsc',
    key: 'job_id',
    partitions: 3,
    cleanup: 'compact',
    retentionDays: null,
    producers: ['gateway', 'file-ingest'],
    consumers: ['directory-projector'],
  },
  {
    topic: 'ingest.rejections',
    event: 'tributary.ingest.RecordRejected',
    schemaFile: 'ingest/record-rejected.avsc',
    key: 'job_id',
    partitions: 3,
    cleanup: 'delete',
    retentionDays: OPERATIONAL,
    producers: ['file-ingest'],
    consumers: ['directory-projector', 'analytics-projector'],
  },
  // The four per-kind identity topics below were never produced: `identity.account-events`
  // replaced them (its role a string, since the `Role` enum these records use cannot gain a
  // value under FULL_TRANSITIVE). They stay provisioned and registered, so a consumer written
  // against them still finds its subject, and hold nothing.
  {
    topic: 'identity.accounts',
    event: 'tributary.identity.AccountRegistered',
    schemaFile: 'identity/account-registered.avsc',
    key: 'account_id',
    partitions: 1,
    cleanup: 'compact',
    retentionDays: null,
    producers: [],
    consumers: [],
  },
  {
    topic: 'identity.api-keys-issued',
    event: 'tributary.identity.ApiKeyIssued',
    schemaFile: 'identity/api-key-issued.avsc',
    key: 'account_id',
    partitions: 1,
    cleanup: 'delete',
    retentionDays: DAY_FACTS,
    producers: [],
    consumers: [],
  },
  {
    topic: 'identity.api-keys-revoked',
    event: 'tributary.identity.ApiKeyRevoked',
    schemaFile: 'identity/api-key-revoked.avsc',
    key: 'account_id',
    partitions: 1,
    cleanup: 'delete',
    retentionDays: DAY_FACTS,
    producers: [],
    consumers: [],
  },
  {
    topic: 'identity.logins-failed',
    event: 'tributary.identity.LoginFailed',
    schemaFile: 'identity/login-failed.avsc',
    key: 'email',
    partitions: 1,
    cleanup: 'delete',
    retentionDays: 90,
    producers: [],
    consumers: [],
  },
  {
    // Every identity event in one topic; one subject's in the order the audit log recorded them.
    topic: 'identity.account-events',
    event: 'tributary.identity.AccountEventRecorded',
    schemaFile: 'identity/account-event-recorded.avsc',
    key: 'subject',
    partitions: 1,
    cleanup: 'delete',
    retentionDays: DAY_FACTS,
    producers: ['gateway'],
    consumers: [],
  },
];

/** The topics whose events also travel in batches (batches.ts): every fact dataset's and rejections'. */
export const BATCHED_TOPICS: readonly string[] = [
  ...DATASETS.filter((name) => DATASET_DECLARATIONS[name].kind === 'fact'),
  'ingest.rejections',
];

/**
 * The batch twin of a topic: same partitions (a batch holds one partition's items), retention,
 * producers and consumers (who publishes or reads the events one way does the other too); keyed
 * by its `key` field, its first item's key.
 */
export function batchTopicSpecOf(spec: TopicSpec): TopicSpec {
  return {
    ...spec,
    topic: batchTopicOf(spec.topic),
    event: batchEventOf(spec.event),
    schemaFile: batchSchemaFileOf(spec.schemaFile, spec.event),
    key: 'key',
  };
}

export const TOPICS: readonly TopicSpec[] = [
  ...EVENT_TOPICS,
  ...BATCHED_TOPICS.map((topic) => batchTopicSpecOf(EVENT_TOPICS.find((t) => t.topic === topic)!)),
];

export function topicSpec(topic: string): TopicSpec {
  const spec = TOPICS.find((t) => t.topic === topic);
  if (!spec)
    throw new Error(`unknown topic ${topic}; known: ${TOPICS.map((t) => t.topic).join(', ')}`);
  return spec;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Kafka topic configs for a catalog entry (and, with `dlq`, for its dead-letter twin). */
export function topicConfig(spec: TopicSpec, dlq = false): Record<string, string> {
  if (dlq) {
    return { 'cleanup.policy': 'delete', 'retention.ms': String(DLQ_RETENTION_DAYS * DAY_MS) };
  }
  return spec.cleanup === 'compact'
    ? { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': String(60 * 60 * 1000) }
    : { 'cleanup.policy': 'delete', 'retention.ms': String((spec.retentionDays ?? 0) * DAY_MS) };
}
