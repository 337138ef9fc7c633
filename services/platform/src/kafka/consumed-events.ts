import {
  ContractError,
  eventsOfBatch,
  type AnyEvent,
  type Batch,
  type EventCodec,
  type Topic,
} from '@tributary/contracts';
import { deadLetterOf, type ConsumedMessage, type DeadLetter } from './batch-consumer';

/** A consumed message's events, in order: one, or a batch's items in their per-event form. */
export interface ConsumedEvents {
  readonly message: ConsumedMessage;
  readonly events: readonly AnyEvent[];
  /** The decoded batch, when the message is one. */
  readonly batch?: Batch;
}

/**
 * Decodes a message once into its events. `batched` says the message is a batch event (its topic
 * is a `-batches` twin): its items come out in their per-event form (`eventsOfBatch`), so a
 * consumer projects both topics with the same code. An empty or undecodable message is a dead
 * letter; a registry outage throws (retriable), and the consumer retries the chunk.
 */
export async function decodeEvents(
  codec: EventCodec,
  message: ConsumedMessage,
  batched: boolean,
): Promise<ConsumedEvents | DeadLetter> {
  if (!message.value) return { message, code: 'PROJECTION.EMPTY', reason: 'message has no value' };
  let decoded: unknown;
  try {
    // Decoded under the consumed topic's own name: the codec serves the topics it was built for.
    decoded = await codec.decode(message.topic as Topic, message.value);
  } catch (error) {
    if (error instanceof ContractError && !error.retriable)
      return { message, code: error.code, reason: error.message };
    throw error;
  }
  if (!batched) return { message, events: [decoded as AnyEvent] };
  const batch = decoded as Batch;
  return { message, events: eventsOfBatch(batch), batch };
}

/**
 * Maps each event of a decoded message with `project`, which throws for an event it can never
 * map (a value its column cannot hold). Such an event is a dead letter of its own: a whole
 * message when it is not a batch; in a batch, that item alone (re-encoded as a batch of one, its
 * index in the headers) while the other items are mapped. No item holds back its partition.
 */
export function projectEach<R>(
  codec: EventCodec,
  { message, events, batch }: ConsumedEvents,
  project: (event: AnyEvent) => R,
  /** What the reasons name the topic (its catalog name, where the consumed one is a copy's). */
  topicName: string = message.topic,
): { rows: R[]; deadLetters: DeadLetter[] } {
  const rows: R[] = [];
  const deadLetters: DeadLetter[] = [];
  events.forEach((event, index) => {
    try {
      rows.push(project(event));
    } catch (error) {
      if (!batch) {
        deadLetters.push(deadLetterOf(message, error, topicName));
        return;
      }
      const alone: Batch = { ...batch, items: [batch.items[index]!] };
      deadLetters.push({
        ...deadLetterOf(message, error, `${topicName} item ${index}`),
        item: { index, value: codec.encode(message.topic as Topic, alone as never) },
      });
    }
  });
  return { rows, deadLetters };
}
