import { ContractError, type EventCodec } from '@tributary/contracts';
import { type BatchHandler, type ConsumedMessage, type DeadLetter } from '@tributary/platform';
import {
  readingRow,
  touchedBuckets,
  type ReadingEvent,
  type ReadingRow,
} from './reading.projection';
import { type TelemetryWriteBehind } from './telemetry.write-behind';
import { type TelemetryStore } from './telemetry.store';

/** Which catalog topic each consumed topic is (tests consume renamed copies of the catalog). */
export interface TelemetryTopics {
  readonly recorded: string;
  readonly corrected: string;
}

/**
 * The telemetry projection as a batch handler: decode each reading or correction, write the rows,
 * then recompute the rollups of the buckets they fall in — at once, or, given a write-behind,
 * at its flushes (the consumer then commits only after a complete flush). A message that cannot be
 * decoded is a dead letter; a failing write throws, and the consumer retries the chunk.
 */
export function telemetryHandler(
  codec: EventCodec,
  store: TelemetryStore,
  topics: TelemetryTopics,
  clock: () => number = Date.now,
  writeBehind?: TelemetryWriteBehind,
): BatchHandler {
  const catalogTopic = new Map<string, 'telemetry.readings' | 'telemetry.readings-corrected'>([
    [topics.recorded, 'telemetry.readings'],
    [topics.corrected, 'telemetry.readings-corrected'],
  ]);

  async function decode(message: ConsumedMessage): Promise<ReadingRow | DeadLetter> {
    const topic = catalogTopic.get(message.topic);
    if (!topic)
      return {
        message,
        code: 'PROJECTION.UNKNOWN_TOPIC',
        reason: `not a telemetry topic: ${message.topic}`,
      };
    if (!message.value)
      return { message, code: 'PROJECTION.EMPTY', reason: 'message has no value' };
    try {
      // Decoded under the consumed topic's own name: the codec serves the topics it was built for.
      return readingRow(
        (await codec.decode(message.topic as typeof topic, message.value)) as ReadingEvent,
      );
    } catch (error) {
      // Registry outages are retriable: rethrow so the chunk is retried, not dead-lettered.
      if (error instanceof ContractError && !error.retriable) {
        return { message, code: error.code, reason: error.message };
      }
      throw error;
    }
  }

  return async (messages) => {
    const decoded = await Promise.all(messages.map(decode));
    const rows = decoded.filter((d): d is ReadingRow => !('message' in d));
    const deadLetters = decoded.filter((d): d is DeadLetter => 'message' in d);
    if (rows.length > 0) {
      if (writeBehind) {
        await writeBehind.add(rows);
      } else {
        await store.writeReadings(rows);
        await store.recomputeRollups(touchedBuckets(rows), clock());
      }
    }
    return deadLetters;
  };
}
