import { ContractError, type EventCodec, type Topic } from '@tributary/contracts';
import { type BatchHandler, type ConsumedMessage, type DeadLetter } from '@tributary/platform';
import { foldChunk } from './directory.fold';
import { isEmptyWrite, type DirectoryStore } from './directory.store';
import {
  DIRECTORY_TOPICS,
  type DirectoryEvent,
  type DirectoryTopic,
  type DirectoryTopicNames,
} from './directory.topics';

/**
 * The directory projection as a batch handler: decode the chunk, fold it (`foldChunk`), write it
 * through the store. A message that cannot be decoded is a dead letter, and its neighbours are
 * written; a registry outage or a failing write throws, and the consumer retries the chunk,
 * which the store applies idempotently. The store refusing the rows for good (`retriable:
 * false`) makes the consumer retry message by message and dead-letter what still fails.
 */
export function directoryHandler(
  codec: EventCodec,
  topics: DirectoryTopicNames,
  store: DirectoryStore,
): BatchHandler {
  const catalogTopic = new Map<string, DirectoryTopic>(
    DIRECTORY_TOPICS.map((topic) => [topics[topic], topic]),
  );

  async function decode(message: ConsumedMessage): Promise<DirectoryEvent | DeadLetter> {
    const topic = catalogTopic.get(message.topic);
    if (!topic)
      return {
        message,
        code: 'PROJECTION.UNKNOWN_TOPIC',
        reason: `not a directory topic: ${message.topic}`,
      };
    if (!message.value)
      return { message, code: 'PROJECTION.EMPTY', reason: 'message has no value' };
    try {
      // Decoded under the consumed topic's own name: the codec serves the topics it was built for.
      const event = await codec.decode(message.topic as Topic, message.value);
      return { topic, event } as DirectoryEvent;
    } catch (error) {
      if (error instanceof ContractError && !error.retriable)
        return { message, code: error.code, reason: error.message };
      throw error;
    }
  }

  return async (messages) => {
    const decoded = await Promise.all(messages.map(decode));
    const deadLetters: DeadLetter[] = [];
    const events: DirectoryEvent[] = [];
    for (const item of decoded) {
      if ('message' in item) deadLetters.push(item);
      else events.push(item);
    }
    const batch = foldChunk(events);
    if (!isEmptyWrite(batch)) await store.write(batch);
    return deadLetters;
  };
}
