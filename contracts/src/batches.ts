import { type TributaryCommon } from './generated/events';
import { type AvroSchema, type SchemaFile } from './schemas';

/**
 * Batch events: many events of one topic in one Kafka message, so that what a message costs
 * (kafkajs ~14 µs, a registry lookup, a decode call) is paid once per batch, not per row. Each
 * item keeps its own event id, occurrence time and row number (`ItemMetadata`); what the items
 * share is said once (`BatchMetadata`). Every batched topic `T` has a twin `T-batches` with the
 * same partitions and key, so a batch of one partition's items is co-partitioned with them.
 *
 * A batch schema is generated from its event's `.avsc` (`batchSchemaOf`): the event's fields but
 * `metadata`, in an item record, so the two cannot drift apart. The generated files are committed
 * under contracts/schemas like every other schema (`npm run generate:batch-schemas` rewrites
 * them; a test fails while they are out of date).
 */

const BATCHES = '-batches';

/** The twin topic carrying `topic`'s events in batches. */
export const batchTopicOf = (topic: string): string => `${topic}${BATCHES}`;

/** The topic whose events a batch twin carries; undefined for a topic that is no twin. */
export const topicOfBatch = (twin: string): string | undefined =>
  twin.endsWith(BATCHES) ? twin.slice(0, -BATCHES.length) : undefined;

/** The events a batch holds, named in the plural: `SensorReadingRecorded` → `SensorReadingsRecorded`. */
export function batchEventOf(event: string): string {
  const dot = event.lastIndexOf('.');
  const name = event.slice(dot + 1).replace(/([a-z])([A-Z][a-z]+ed)$/, '$1s$2');
  if (name === event.slice(dot + 1)) throw new Error(`${event}: not <Noun><Verb>ed`);
  return `${event.slice(0, dot + 1)}${name}`;
}

const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** Where the batch schema of the event in `schemaFile` is written, beside it. */
export function batchSchemaFileOf(schemaFile: string, event: string): string {
  const dir = schemaFile.slice(0, schemaFile.lastIndexOf('/') + 1);
  return `${dir}${kebab(batchEventOf(event).slice(event.lastIndexOf('.') + 1))}.avsc`;
}

type Field = { name: string; [key: string]: AvroSchema };

/** The batch schema of an event's `.avsc`, as the generated file holds it. */
export function batchSchemaOf(file: SchemaFile): { [key: string]: AvroSchema } {
  const schema = file.schema;
  const name = String(schema['name']);
  const namespace = String(schema['namespace']);
  const fields = schema['fields'] as Field[];
  if (fields[0]?.name !== 'metadata')
    throw new Error(`${file.file}: an event's first field is its metadata`);
  const plural = batchEventOf(`${namespace}.${name}`).slice(namespace.length + 1);
  return {
    type: 'record',
    name: plural,
    namespace,
    doc: `${name} events in one message, each keeping its own id, time and row. Generated from ${file.file} by contracts/src/tools/generate-batch-schemas.ts: change that file, then regenerate.`,
    fields: [
      {
        name: 'key',
        type: 'string',
        doc: "The message's Kafka key: its first item's. Every item's key falls in the message's partition.",
      },
      {
        name: 'batch',
        type: 'tributary.common.BatchMetadata',
        doc: 'What the items share.',
      },
      {
        name: 'items',
        type: {
          type: 'array',
          items: {
            type: 'record',
            name: `${name}Item`,
            doc: `One ${name}: its own metadata, then the event's fields.`,
            fields: [
              {
                name: 'meta',
                type: 'tributary.common.ItemMetadata',
                doc: "The item's own part of its EventMetadata.",
              },
              ...fields.slice(1),
            ],
          },
        },
        doc: 'The events, in the order they were published.',
      },
    ],
  };
}

/** The generated file's text: the schema as JSON, two-space indented, with a final newline. */
export const batchSchemaText = (file: SchemaFile): string =>
  `${JSON.stringify(batchSchemaOf(file), null, 2)}\n`;

/** An item of a batch: its own metadata, then the event's fields. */
export interface BatchItem {
  readonly meta: TributaryCommon.ItemMetadata;
}

/** A batch event of any batched topic. */
export interface Batch<Item extends BatchItem = BatchItem> {
  readonly key: string;
  readonly batch: TributaryCommon.BatchMetadata;
  readonly items: readonly Item[];
}

/** An event of any topic: its envelope, then its fields. */
export interface AnyEvent {
  readonly metadata: TributaryCommon.EventMetadata;
}

/**
 * A batch's events in their per-event form, in order: each item's envelope is the batch's, with
 * the item's own id, occurrence time and row. A consumer projects these exactly as it projects
 * the per-event topic's, so both topics feed a dataset identically.
 */
export function eventsOfBatch({ batch, items }: Batch): AnyEvent[] {
  const { kind, reference } = batch.source;
  return items.map((item): AnyEvent => {
    const { meta } = item;
    const event: Record<string, unknown> = {
      metadata: {
        event_id: meta.event_id,
        occurred_at: meta.occurred_at,
        ingested_at: batch.ingested_at,
        source: { kind, reference, row_number: meta.row_number },
        trace_id: batch.trace_id,
      },
    };
    // Field by field, not by `{ meta, ...fields }`: object rest was the projector's costliest
    // line per reading (6% of its CPU), as it was sensor-ingest's in `batchOfEvents`. Own keys
    // only: a decoded Avro record inherits enumerable methods (clone, toBuffer…).
    for (const field of Object.keys(item))
      if (field !== 'meta') event[field] = (item as unknown as Record<string, unknown>)[field];
    return event as unknown as AnyEvent;
  });
}

/**
 * Whether two events can share a batch: they agree on what a batch says once (ingested_at, source
 * kind and reference, trace id).
 */
export function shareBatchEnvelope(
  a: TributaryCommon.EventMetadata,
  b: TributaryCommon.EventMetadata,
): boolean {
  return (
    a.ingested_at.getTime() === b.ingested_at.getTime() &&
    a.source.kind === b.source.kind &&
    a.source.reference === b.source.reference &&
    a.trace_id === b.trace_id
  );
}

/**
 * Events of one topic as one batch event, keyed by the first one's `keyField` (the topic's key).
 * They must share what a batch says once (`shareBatchEnvelope`): a producer batches what one
 * request or one chunk of one job made. Throws, naming the first that differs, otherwise.
 */
export function batchOfEvents(
  events: readonly AnyEvent[],
  batchId: string,
  keyField: string,
): Batch {
  const [first] = events;
  if (!first) throw new Error('a batch holds at least one event');
  const shared = first.metadata;
  const items = events.map((event, i) => {
    const { metadata } = event;
    if (!shareBatchEnvelope(metadata, shared))
      throw new Error(
        `event ${i} (${metadata.event_id}) differs from the first in ingested_at, source or trace_id: batch them apart`,
      );
    const item: Record<string, unknown> = {
      meta: {
        event_id: metadata.event_id,
        occurred_at: metadata.occurred_at,
        row_number: metadata.source.row_number,
      },
    };
    // Copied field by field, not by `{ metadata, ...fields }`: V8's object rest was ~9% of
    // sensor-ingest's CPU under batch-1000 load, two to three times this loop's cost.
    for (const field in event)
      if (field !== 'metadata') item[field] = (event as unknown as Record<string, unknown>)[field];
    return item as unknown as BatchItem;
  });
  return {
    key: String((first as unknown as Readonly<Record<string, unknown>>)[keyField]),
    batch: {
      batch_id: batchId,
      ingested_at: shared.ingested_at,
      source: { kind: shared.source.kind, reference: shared.source.reference, row_number: null },
      trace_id: shared.trace_id,
    },
    items,
  };
}

/** How many items a batch holds at most, and how many bytes of encoded items (before Kafka's). */
export interface BatchBounds {
  readonly maxItems: number;
  readonly maxBytes: number;
}

/**
 * Kafka's limit is 1 MiB a message by default; a batch stays well under it, and 1,000 rows is
 * where kafkajs' cost per row levels off (~1.3 µs against ~14 µs for a message of one).
 */
export const DEFAULT_BATCH_BOUNDS: BatchBounds = { maxItems: 1_000, maxBytes: 512 * 1024 };
