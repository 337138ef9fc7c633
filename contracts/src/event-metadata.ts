import { type TributaryCommon } from './generated/events';

/** What an event's envelope is made of, in the words of the code that has the facts. */
export interface EnvelopeFacts {
  /** The idempotency key (deterministic for file rows and keyed readings). */
  readonly eventId: string;
  /** When the fact happened in the world. */
  readonly occurredAt: Date;
  /** When Tributary accepted it. */
  readonly ingestedAt: Date;
  /** The entry point: `file` for uploads and the inbox, `sftp`, `http`, or `stream`. */
  readonly kind: TributaryCommon.SourceKind;
  /** What traces the event back: the job id (files), the request id (HTTP), the producer (streams). */
  readonly reference: string | null;
  /** The 1-based data row of a file's event. */
  readonly rowNumber?: number | null;
  /** The correlation id in every log line about it; unset: the reference (a job's or request's). */
  readonly traceId?: string | null;
}

/**
 * The envelope every event carries (`tributary.common.EventMetadata`), built in this one place by
 * every producer: the gateway's intake, file-ingest, sensor-ingest and external producers.
 */
export function eventMetadata(facts: EnvelopeFacts): TributaryCommon.EventMetadata {
  return {
    event_id: facts.eventId,
    occurred_at: facts.occurredAt,
    ingested_at: facts.ingestedAt,
    source: { kind: facts.kind, reference: facts.reference, row_number: facts.rowNumber ?? null },
    trace_id: facts.traceId === undefined ? facts.reference : facts.traceId,
  };
}
