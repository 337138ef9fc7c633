import { topicOfBatch, type EventCodec } from '@tributary/contracts';
import {
  decodeEvents,
  type BatchHandler,
  type ConsumedMessage,
  type DeadLetter,
} from '@tributary/platform';
import { foldChunk } from './directory.fold';
import { isEmptyWrite, type DirectoryStore } from './directory.store';
import {
  DIRECTORY_BATCH_TOPICS,
  DIRECTORY_TOPICS,
  type DirectoryEvent,
  type DirectoryTopic,
  type DirectoryTopicNames,
} from './directory.topics';

/**
 * The directory projection as a batch handler: decode the chunk (a batch of rejections into its
 * rejections), fold it (`foldChunk`), write it through the store. A message that cannot be
 * decoded is a dead letter, and its neighbours are
 * written; a registry outage or a failing write throws, and the consumer retries the chunk,
 * which the store applies idempotently. The store refusing the rows for good (`retriable:
 * false`) makes the consumer retry message by message and dead-letter what still fails.
 */
export function directoryHandler(
  codec: EventCodec,
  topics: DirectoryTopicNames,
  store: DirectoryStore,
): BatchHandler {
  const consumed = new Map<string, { topic: DirectoryTopic; batched: boolean }>([
    ...DIRECTORY_TOPICS.map((topic) => [topics[topic], { topic, batched: false }] as const),
    ...DIRECTORY_BATCH_TOPICS.map(
      (twin) =>
        [topics[twin], { topic: topicOfBatch(twin) as DirectoryTopic, batched: true }] as const,
    ),
  ]);

  async function decode(message: ConsumedMessage): Promise<DirectoryEvent[] | DeadLetter> {
    const source = consumed.get(message.topic);
    if (!source)
      return {
        message,
        code: 'PROJECTION.UNKNOWN_TOPIC',
        reason: `not a directory topic: ${message.topic}`,
      };
    const decoded = await decodeEvents(codec, message, source.batched);
    if (!('events' in decoded)) return decoded;
    return decoded.events.map((event) => ({ topic: source.topic, event }) as DirectoryEvent);
  }

  return async (messages) => {
    const decoded = await Promise.all(messages.map(decode));
    const deadLetters: DeadLetter[] = [];
    const events: DirectoryEvent[] = [];
    for (const item of decoded) {
      if ('message' in item) deadLetters.push(item);
      else events.push(...item);
    }
    const batch = foldChunk(events);
    if (!isEmptyWrite(batch)) await store.write(batch);
    return deadLetters;
  };
}
