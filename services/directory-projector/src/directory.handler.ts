import {
  ContractError,
  type EventCodec,
  type Topic,
  type TributaryIngest,
} from '@tributary/contracts';
import { type BatchHandler, type ConsumedMessage, type DeadLetter } from '@tributary/platform';
import { type DirectoryStore, type DirectoryWrite } from './directory.store';
import {
  ENTITY_TOPICS,
  entityRow,
  newerEntity,
  type EntityRow,
  type EntityTopic,
} from './entities/entity-rows';
import { jobRow, mergeJob, type JobRow } from './jobs/job-state';

export const DIRECTORY_TOPICS = ['ingest.jobs', 'ingest.rejections', ...ENTITY_TOPICS] as const;
type DirectoryTopic = (typeof DIRECTORY_TOPICS)[number];

const isDirectoryTopic = (topic: string): topic is DirectoryTopic =>
  (DIRECTORY_TOPICS as readonly string[]).includes(topic);

/**
 * The directory projection as a batch handler: decode the chunk, fold it (one row per job, the
 * newest row per entity), and write it in one transaction. Undecodable messages are dead letters;
 * a failed write throws and the consumer retries the chunk, which the store applies idempotently.
 */
export function directoryHandler(codec: EventCodec, store: DirectoryStore): BatchHandler {
  type Decoded = DeadLetter | { topic: DirectoryTopic; event: unknown };

  async function decode(message: ConsumedMessage): Promise<Decoded> {
    if (!isDirectoryTopic(message.topic))
      return {
        message,
        code: 'PROJECTION.UNKNOWN_TOPIC',
        reason: `not a directory topic: ${message.topic}`,
      };
    if (!message.value)
      return { message, code: 'PROJECTION.EMPTY', reason: 'message has no value' };
    try {
      return {
        topic: message.topic,
        event: await codec.decode(message.topic as Topic, message.value),
      };
    } catch (error) {
      if (error instanceof ContractError && !error.retriable)
        return { message, code: error.code, reason: error.message };
      throw error;
    }
  }

  return async (messages) => {
    const decoded = await Promise.all(messages.map(decode));
    const deadLetters: DeadLetter[] = [];
    const jobs = new Map<string, JobRow>();
    const batch: DirectoryWrite = { jobs: [], rejections: [], entities: new Map() };
    const entities = new Map<EntityTopic, Map<string, EntityRow>>();
    for (const item of decoded) {
      if ('message' in item) {
        deadLetters.push(item);
        continue;
      }
      const { topic } = item;
      if (topic === 'ingest.jobs') {
        const row = jobRow(item.event as TributaryIngest.JobStatusChanged);
        jobs.set(row.job_id, mergeJob(jobs.get(row.job_id), row));
      } else if (topic === 'ingest.rejections') {
        const event = item.event as TributaryIngest.RecordRejected;
        batch.rejections.push({
          job_id: event.job_id,
          row_number: event.row_number,
          dataset: event.dataset,
          object_key: event.object_key,
          raw: event.raw,
          reasons: event.reasons,
          event_id: event.metadata.event_id,
          rejected_at: event.metadata.occurred_at,
        });
      } else {
        const row = entityRow(topic, item.event as never);
        const byKey = entities.get(topic) ?? new Map<string, EntityRow>();
        const current = byKey.get(row.key);
        if (!current || newerEntity(row, current)) byKey.set(row.key, row);
        entities.set(topic, byKey);
      }
    }
    batch.jobs = [...jobs.values()];
    for (const [topic, byKey] of entities) batch.entities.set(topic, [...byKey.values()]);
    if (batch.jobs.length + batch.rejections.length + entities.size > 0) await store.write(batch);
    return deadLetters;
  };
}
