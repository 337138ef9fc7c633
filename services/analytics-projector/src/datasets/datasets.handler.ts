import { topicOfBatch, type EventCodec } from '@tributary/contracts';
import {
  decodeEvents,
  projectEach,
  type BatchHandler,
  type ConsumedMessage,
  type DeadLetter,
} from '@tributary/platform';
import {
  appendRows,
  CONSUMED_DATASET_TOPICS,
  DATASET_PROJECTIONS,
  type ConsumedDatasetTopic,
  type DatasetRow,
  type DatasetTable,
  type DatasetTopic,
  type TableRows,
} from './dataset-projections';

/** The name each consumed topic has (tests consume renamed copies of the catalog). */
export type DatasetTopicNames = Readonly<Record<ConsumedDatasetTopic, string>>;

export const CATALOG_TOPIC_NAMES = Object.fromEntries(
  CONSUMED_DATASET_TOPICS.map((topic) => [topic, topic]),
) as DatasetTopicNames;

/**
 * The dataset projection as a batch handler: decode each message once (a batch event into its
 * items), map each event to its table's row, and hand the chunk's rows to `write` (a
 * write-behind, or the store at once). A message that cannot be decoded is a dead letter; so is
 * an event whose values its columns cannot hold, alone (a batch's other items are projected). A
 * registry outage or a failing write throws, and the consumer retries the chunk.
 */
export function datasetsHandler(
  codec: EventCodec,
  topics: DatasetTopicNames,
  write: (rows: TableRows) => Promise<void>,
): BatchHandler {
  const consumed = new Map<
    string,
    { name: ConsumedDatasetTopic; topic: DatasetTopic; batched: boolean }
  >(
    CONSUMED_DATASET_TOPICS.map((name) => {
      const twinned = topicOfBatch(name) as DatasetTopic | undefined;
      return [topics[name], { name, topic: twinned ?? (name as DatasetTopic), batched: !!twinned }];
    }),
  );

  interface Projected {
    readonly table: DatasetTable;
    readonly rows: readonly DatasetRow[];
    readonly deadLetters: readonly DeadLetter[];
  }

  async function project(message: ConsumedMessage): Promise<Projected | DeadLetter> {
    const source = consumed.get(message.topic);
    if (!source)
      return {
        message,
        code: 'PROJECTION.UNKNOWN_TOPIC',
        reason: `not a dataset topic: ${message.topic}`,
      };
    const decoded = await decodeEvents(codec, message, source.batched);
    if (!('events' in decoded)) return decoded;
    const { table, row } = DATASET_PROJECTIONS[source.topic];
    // The mapping is pure: what fails once fails every time, so retrying cannot help.
    const { rows, deadLetters } = projectEach(
      codec,
      decoded,
      (event) => (row as (event: unknown) => DatasetRow)(event),
      source.name,
    );
    return { table, rows, deadLetters };
  }

  return async (messages) => {
    const outcomes = await Promise.all(messages.map(project));
    const rows: TableRows = new Map();
    const deadLetters: DeadLetter[] = [];
    for (const outcome of outcomes) {
      if ('message' in outcome) {
        deadLetters.push(outcome);
        continue;
      }
      appendRows(rows, outcome.table, outcome.rows);
      deadLetters.push(...outcome.deadLetters);
    }
    if (rows.size > 0) await write(rows);
    return deadLetters;
  };
}
