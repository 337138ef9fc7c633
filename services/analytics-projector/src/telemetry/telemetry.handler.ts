import { type EventCodec } from '@tributary/contracts';
import {
  decodeEvents,
  projectEach,
  type BatchHandler,
  type ConsumedMessage,
  type DeadLetter,
} from '@tributary/platform';
import {
  readingRow,
  TouchedMinutes,
  type ReadingEvent,
  type ReadingRow,
} from './reading.projection';
import { type TelemetryWriteBehind } from './telemetry.write-behind';
import { type TelemetryStore } from './telemetry.store';

/** Which catalog topic each consumed topic is (tests consume renamed copies of the catalog). */
export interface TelemetryTopics {
  readonly recorded: string;
  /** The readings' batch twin: consumed like `recorded`, a batch decoded once into its readings. */
  readonly recordedBatches: string;
  readonly corrected: string;
}

/**
 * The telemetry projection as a batch handler: decode each message once (a batch of readings
 * into its readings), write the rows, then recompute the rollup fragments of the minutes they fall
 * in — at once, or, given a write-behind, at its flushes (the consumer then commits only after a complete
 * flush). A message that cannot be decoded is a dead letter; so is a reading whose values its
 * columns cannot hold, alone (a batch's other readings are projected). A failing write throws,
 * and the consumer retries the chunk.
 */
export function telemetryHandler(
  codec: EventCodec,
  store: TelemetryStore,
  topics: TelemetryTopics,
  clock: () => number = Date.now,
  writeBehind?: TelemetryWriteBehind,
): BatchHandler {
  const batched = new Map<string, boolean>([
    [topics.recorded, false],
    [topics.recordedBatches, true],
    [topics.corrected, false],
  ]);

  async function decode(
    message: ConsumedMessage,
  ): Promise<{ rows: ReadingRow[]; deadLetters: DeadLetter[] }> {
    const isBatch = batched.get(message.topic);
    if (isBatch === undefined)
      return {
        rows: [],
        deadLetters: [
          {
            message,
            code: 'PROJECTION.UNKNOWN_TOPIC',
            reason: `not a telemetry topic: ${message.topic}`,
          },
        ],
      };
    const decoded = await decodeEvents(codec, message, isBatch);
    if (!('events' in decoded)) return { rows: [], deadLetters: [decoded] };
    return projectEach(codec, decoded, (event) => readingRow(event as unknown as ReadingEvent));
  }

  return async (messages) => {
    const decoded = await Promise.all(messages.map(decode));
    const rows = decoded.flatMap((d) => d.rows);
    const deadLetters = decoded.flatMap((d) => d.deadLetters);
    if (rows.length > 0) {
      if (writeBehind) {
        await writeBehind.add(rows);
      } else {
        await store.writeReadings(rows);
        await store.recomputeMinutes(TouchedMinutes.of(rows), clock());
      }
    }
    return deadLetters;
  };
}
