import { ContractError, type EventCodec, type Topic } from '@tributary/contracts';
import { type BatchHandler, type ConsumedMessage, type DeadLetter } from '@tributary/platform';
import {
  appendRows,
  DATASET_PROJECTIONS,
  DATASET_TOPICS,
  type DatasetRow,
  type DatasetTable,
  type DatasetTopic,
  type TableRows,
} from './dataset-projections';

/** The name each catalog topic is consumed under (tests consume renamed copies of the catalog). */
export type DatasetTopicNames = Readonly<Record<DatasetTopic, string>>;

export const CATALOG_TOPIC_NAMES = Object.fromEntries(
  DATASET_TOPICS.map((topic) => [topic, topic]),
) as DatasetTopicNames;

interface Projected {
  readonly table: DatasetTable;
  readonly row: DatasetRow;
}

/**
 * The dataset projection as a batch handler: decode each message, map it to its table's row, and
 * hand the chunk's rows to `write` (a write-behind, or the store at once). A message that cannot
 * be decoded, or whose values its columns cannot hold, is a dead letter; a registry outage or a
 * failing write throws, and the consumer retries the chunk.
 */
export function datasetsHandler(
  codec: EventCodec,
  topics: DatasetTopicNames,
  write: (rows: TableRows) => Promise<void>,
): BatchHandler {
  const catalogTopic = new Map<string, DatasetTopic>(
    DATASET_TOPICS.map((topic) => [topics[topic], topic]),
  );

  async function project(message: ConsumedMessage): Promise<Projected | DeadLetter> {
    const topic = catalogTopic.get(message.topic);
    if (!topic) {
      return {
        message,
        code: 'PROJECTION.UNKNOWN_TOPIC',
        reason: `not a dataset topic: ${message.topic}`,
      };
    }
    if (!message.value) {
      return { message, code: 'PROJECTION.EMPTY', reason: 'message has no value' };
    }
    let event: unknown;
    try {
      // Decoded under the consumed topic's own name: the codec serves the topics it was built for.
      event = await codec.decode(message.topic as Topic, message.value);
    } catch (error) {
      // Registry outages are retriable: rethrow so the chunk is retried, not dead-lettered.
      if (error instanceof ContractError && !error.retriable) {
        return { message, code: error.code, reason: error.message };
      }
      throw error;
    }
    const { table, row } = DATASET_PROJECTIONS[topic];
    try {
      return { table, row: (row as (event: unknown) => DatasetRow)(event) };
    } catch (error) {
      // The mapping is pure: what fails once fails every time, so retrying cannot help.
      const code = (error as { code?: unknown }).code;
      return {
        message,
        code: typeof code === 'string' ? code : 'PROJECTION.FAILED',
        reason: `${topic}: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  return async (messages) => {
    const outcomes = await Promise.all(messages.map(project));
    const rows: TableRows = new Map();
    const deadLetters: DeadLetter[] = [];
    for (const outcome of outcomes) {
      if ('message' in outcome) deadLetters.push(outcome);
      else appendRows(rows, outcome.table, [outcome.row]);
    }
    if (rows.size > 0) await write(rows);
    return deadLetters;
  };
}
