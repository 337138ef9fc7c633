import {
  COMPATIBILITY as LEVELS,
  SchemaRegistry,
  SchemaType,
} from '@kafkajs/confluent-schema-registry';
import avro from 'avsc';
import {
  batchOfEvents,
  batchTopicOf,
  DEFAULT_BATCH_BOUNDS,
  shareBatchEnvelope,
  type AnyEvent,
  type BatchBounds,
} from './batches';
import { subjectOf, TOPICS, type TopicSpec } from './catalog';
import {
  ContractError,
  IncompatibleSchemaError,
  InvalidEventError,
  RegistryUnavailableError,
  UndecodableMessageError,
} from './errors';
import { type TopicEvents, type TributaryCommon } from './generated/events';
import { logicalTypes } from './logical-types';
import { partitionOf } from './partitions';
import { composeSchema, readSchemaFiles, type AvroSchema } from './schemas';

export type Topic = keyof TopicEvents;

/** What a producer sends for one event (kafkajs's Message shape, without depending on it). */
export interface EventMessage {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  /** Set on a batch: the partition of every item's key. */
  partition?: number;
}

/** Confluent wire format: magic byte 0, the schema id as a big-endian int32, then Avro binary. */
const MAGIC_BYTE = 0;
const HEADER_LENGTH = 5;

/**
 * FULL_TRANSITIVE: every schema version can read data written with every other. BACKWARD alone
 * lets a required field be removed, which breaks consumers still on the old schema, and does not
 * promise that an old consumer reads new records; producers and consumers here upgrade
 * independently, and projections are rebuilt by replaying every version ever written.
 */
export const COMPATIBILITY = LEVELS.FULL_TRANSITIVE;

export interface EventCodecOptions {
  /** Confluent-compatible schema registry, e.g. http://127.0.0.1:18081. */
  registryUrl: string;
  /** HTTP basic auth to the registry (e.g. Confluent Cloud's API key and secret). */
  registryAuth?: { username: string; password: string };
  /** Topics this codec serves; all of the catalog by default. */
  topics?: readonly TopicSpec[];
  /** Replaces a topic's `.avsc`: tests of schema evolution use it, and of a dataset declared in a test only. */
  schemaOverrides?: Partial<Record<string, AvroSchema>>;
  /**
   * Whether `encode` checks each event against its schema before writing it (default true). A
   * producer whose events are built from input it has already validated (sensor-ingest: the
   * gateway validated every reading) says false: Avro's writer still refuses every value of the
   * wrong type, and only then is the event checked, so the error names each bad field just the
   * same. What it skips is walking every field twice on the way out when nothing is wrong.
   */
  checkBeforeEncoding?: boolean;
}

function describe(type: avro.Type): string {
  const name = type.typeName;
  if (name === 'logical:timestamp-millis') return 'a valid Date';
  if (name === 'logical:date') return 'a calendar date as YYYY-MM-DD';
  if (name === 'logical:decimal') return 'a decimal string within the precision and scale';
  if (name === 'logical:uuid') return 'a UUID string';
  if (name === 'enum') return `one of ${(type as avro.types.EnumType).symbols.join(', ')}`;
  if (name.startsWith('union')) {
    return (type as unknown as { types: avro.Type[] }).types.map((t) => describe(t)).join(' or ');
  }
  if (name === 'long' || name === 'int') return 'a whole number';
  if (name === 'double' || name === 'float') return 'a number';
  return name;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Encodes and decodes Tributary events in the Confluent wire format against a schema registry.
 * Subjects follow Confluent's TopicNameStrategy (`<topic>-value`, one event type per topic), so
 * Confluent's own tools and connectors read our topics without configuration.
 *
 * Encoding validates against the topic's schema (first, or when the writer refused a value: see
 * `checkBeforeEncoding`) and names every bad field. Decoding
 * resolves the writer's schema (looked up by id, cached) against this codec's reader schema, so a
 * consumer built on an older schema reads newer records and a newer one reads older records.
 */
export class EventCodec {
  private readonly registry: SchemaRegistry;
  private readonly topics: readonly TopicSpec[];
  private readonly schemas = new Map<string, AvroSchema>();
  private readonly readerTypes = new Map<string, avro.Type>();
  private readonly schemaIds = new Map<string, number>();
  /** Where events are encoded before being copied out at their size (`encode`). */
  private scratch = Buffer.allocUnsafe(64 * 1024);
  private readonly resolvers = new Map<
    string,
    Promise<{ type: avro.Type; resolver: avro.Resolver }>
  >();

  constructor(private readonly options: EventCodecOptions) {
    this.registry = new SchemaRegistry(
      {
        host: options.registryUrl,
        retry: { retries: 3 },
        ...(options.registryAuth ? { auth: { ...options.registryAuth } } : {}),
      },
      { [SchemaType.AVRO]: { logicalTypes } },
    );
    this.topics = options.topics ?? TOPICS;
    const files = readSchemaFiles();
    const composed = (spec: TopicSpec) => {
      const file = files.find((f) => f.file === spec.schemaFile);
      if (!file) throw new Error(`${spec.topic}: schema file ${spec.schemaFile} not found`);
      return composeSchema(file, files);
    };
    for (const spec of this.topics) {
      const schema = options.schemaOverrides?.[spec.topic] ?? composed(spec);
      this.schemas.set(spec.topic, schema);
      this.readerTypes.set(
        spec.topic,
        avro.Type.forSchema(schema as avro.Schema, { logicalTypes }),
      );
    }
  }

  /** The catalog entry of a topic this codec serves (a test's renamed copy included). */
  private specOf(topic: string): TopicSpec {
    const spec = this.topics.find((t) => t.topic === topic);
    if (!spec) throw new Error(`this codec does not serve topic ${topic}`);
    return spec;
  }

  /** The self-contained schema registered for a topic. */
  schemaOf(topic: string): AvroSchema {
    const schema = this.schemas.get(topic);
    if (schema === undefined) throw new Error(`this codec does not serve topic ${topic}`);
    return schema;
  }

  /**
   * Sets FULL_TRANSITIVE compatibility on each topic's subject and registers its schema, once at start-up
   * or deploy (never per message: registering always calls the server). Returns the schema ids.
   */
  async register(): Promise<Map<string, number>> {
    for (const spec of this.topics) {
      const subject = subjectOf(spec.topic);
      await this.setCompatibility(subject, COMPATIBILITY);
      try {
        const { id } = await this.registry.register(
          { type: SchemaType.AVRO, schema: JSON.stringify(this.schemaOf(spec.topic)) },
          // The client checks the subject's level against this (BACKWARD unless told otherwise).
          { subject, compatibility: COMPATIBILITY },
        );
        this.schemaIds.set(spec.topic, id);
      } catch (error) {
        if (statusOf(error) === 409) {
          throw new IncompatibleSchemaError(
            subject,
            error instanceof Error ? error.message : String(error),
          );
        }
        throw new RegistryUnavailableError(`registering ${subject} failed: ${String(error)}`, {
          cause: error,
        });
      }
    }
    return new Map(this.schemaIds);
  }

  /**
   * Finds the ids these topics' schemas were registered under, registering nothing: a consumer
   * that encodes (a dead-lettered batch item re-encoded as a batch of one) encodes with the id
   * provisioning registered, and never changes a subject. A schema never registered is a
   * non-retriable `CONTRACT.NOT_REGISTERED`; a registry that does not answer is retriable.
   */
  async lookUpIds(topics: readonly string[]): Promise<void> {
    for (const topic of topics) {
      if (this.schemaIds.has(topic)) continue;
      const subject = subjectOf(topic);
      try {
        const id = await this.registry.getRegistryIdBySchema(subject, {
          type: SchemaType.AVRO,
          schema: JSON.stringify(this.schemaOf(topic)),
        });
        this.schemaIds.set(topic, id);
      } catch (error) {
        if (statusOf(error) === 404 || /not found/i.test(String(error)))
          throw new ContractError(
            'CONTRACT.NOT_REGISTERED',
            `${subject} has no version of this schema: run provisioning (npm run provision) first`,
            false,
            { cause: error },
          );
        throw new RegistryUnavailableError(`looking up ${subject} failed: ${String(error)}`, {
          cause: error,
        });
      }
    }
  }

  private authorizationHeader(): Record<string, string> {
    const auth = this.options.registryAuth;
    if (!auth) return {};
    const token = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
    return { Authorization: `Basic ${token}` };
  }

  private async setCompatibility(subject: string, level: string): Promise<void> {
    const url = `${this.options.registryUrl.replace(/\/$/, '')}/config/${encodeURIComponent(subject)}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'PUT',
        headers: {
          'Content-Type': 'application/vnd.schemaregistry.v1+json',
          ...this.authorizationHeader(),
        },
        body: JSON.stringify({ compatibility: level }),
      });
    } catch (error) {
      throw new RegistryUnavailableError(`schema registry unreachable at ${url}`, { cause: error });
    }
    if (!response.ok) {
      throw new RegistryUnavailableError(
        `setting ${level} on ${subject} failed: HTTP ${response.status} ${await response.text()}`,
      );
    }
  }

  /** Every problem that makes `event` invalid for `topic`, each naming its field; empty if valid. */
  validate(topic: string, event: unknown): string[] {
    const type = this.readerTypes.get(topic);
    if (!type) throw new Error(`this codec does not serve topic ${topic}`);
    const problems: string[] = [];
    type.isValid(event, {
      errorHook: (path, value, invalidType) => {
        const field = path.length > 0 ? path.join('.') : '(event)';
        const got = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
        problems.push(`${field}: expected ${describe(invalidType)}, got ${got}`);
      },
    });
    return problems;
  }

  /** Encodes an event for its topic; throws InvalidEventError naming each bad field. */
  encode<T extends Topic>(topic: T, event: TopicEvents[T]): Buffer {
    const id = this.schemaIds.get(topic);
    if (id === undefined)
      throw new Error(`schema for ${topic} not registered: call register() first`);
    const check = () => {
      const problems = this.validate(topic, event);
      if (problems.length > 0) throw new InvalidEventError(topic, problems);
    };
    if (this.options.checkBeforeEncoding !== false) check();
    const type = this.readerTypes.get(topic)!;
    // avsc's toBuffer writes into a shared 1 KiB buffer and, when the event does not fit (any
    // batch), encodes it a second time into a new one, which Buffer.concat then copies again:
    // encoding once into a scratch buffer that grows to the largest event and copying the
    // exact bytes out costs one pass and one allocation per message.
    for (;;) {
      const scratch = this.scratch;
      let end: number;
      try {
        end = type.encode(event, scratch, HEADER_LENGTH);
      } catch (error) {
        // avsc's writer throws on any value of the wrong type; name the fields as a checked
        // encode would.
        check();
        throw new InvalidEventError(topic, [String((error as Error).message)]);
      }
      if (end < 0) {
        // A negative end is how many bytes were missing.
        this.scratch = Buffer.allocUnsafe(Math.max(scratch.length * 2, scratch.length - end));
        continue;
      }
      const message = Buffer.allocUnsafe(end);
      scratch.copy(message, 0, 0, end);
      message.writeUInt8(MAGIC_BYTE, 0);
      message.writeInt32BE(id, 1);
      return message;
    }
  }

  /** Decodes a message value from `topic` into this codec's view of the event. */
  async decode<T extends Topic>(topic: T, value: Buffer): Promise<TopicEvents[T]> {
    if (value.length < HEADER_LENGTH || value.readUInt8(0) !== MAGIC_BYTE) {
      throw new UndecodableMessageError(
        `${topic}: not in the Confluent wire format (no magic byte 0)`,
      );
    }
    const schemaId = value.readInt32BE(1);
    const { type, resolver } = await this.resolverFor(topic, schemaId);
    try {
      return type.fromBuffer(value.subarray(HEADER_LENGTH), resolver) as TopicEvents[T];
    } catch (error) {
      throw new UndecodableMessageError(`${topic}: body does not match schema id ${schemaId}`, {
        cause: error,
      });
    }
  }

  private resolverFor(topic: string, schemaId: number) {
    const key = `${topic}#${schemaId}`;
    let entry = this.resolvers.get(key);
    if (!entry) {
      entry = (async () => {
        const reader = this.readerTypes.get(topic);
        if (!reader) throw new Error(`this codec does not serve topic ${topic}`);
        let writer: avro.Type;
        try {
          writer = (await this.registry.getSchema(schemaId)) as unknown as avro.Type;
        } catch (error) {
          const status = statusOf(error);
          if (status === 404) {
            throw new UndecodableMessageError(
              `${topic}: schema id ${schemaId} is unknown to the registry`,
              {
                cause: error,
              },
            );
          }
          throw new RegistryUnavailableError(`fetching schema id ${schemaId} failed`, {
            cause: error,
          });
        }
        try {
          return { type: reader, resolver: reader.createResolver(writer) };
        } catch (error) {
          throw new UndecodableMessageError(
            `${topic}: writer schema id ${schemaId} cannot be read with this codec's schema`,
            { cause: error },
          );
        }
      })();
      // A transient failure must not be cached forever.
      entry.catch(() => this.resolvers.delete(key));
      this.resolvers.set(key, entry);
    }
    return entry;
  }

  /**
   * The Kafka message for an event: keyed by the catalog's key field, the value in the wire
   * format, and the envelope's id, source and trace id mirrored into headers for tracing tools.
   */
  message<T extends Topic>(topic: T, event: TopicEvents[T]): EventMessage {
    const { metadata } = event as { metadata: TributaryCommon.EventMetadata };
    return {
      key: String((event as unknown as Record<string, unknown>)[this.specOf(topic).key]),
      value: this.encode(topic, event),
      headers: {
        event_id: metadata.event_id,
        source: metadata.source.kind,
        ...(metadata.trace_id ? { trace_id: metadata.trace_id } : {}),
      },
    };
  }

  /**
   * `events` of a batched topic as messages of its batch twin (batches.ts): grouped by their
   * key's partition (`partitionOf`, as the event alone would go), each partition's events cut in
   * order into runs that share a batch envelope (`shareBatchEnvelope`; one run for a request or a
   * job's chunk), each run into batches within `bounds`, each sent to its partition in order, so
   * a key's events keep their order. Batch ids come from `batchId`.
   */
  batchMessages<T extends Topic>(
    topic: T,
    events: readonly TopicEvents[T][],
    batchId: () => string,
    bounds: BatchBounds = DEFAULT_BATCH_BOUNDS,
  ): EventMessage[] {
    const spec = this.specOf(topic);
    const twin = batchTopicOf(topic) as Topic;
    const runs = new Map<number, AnyEvent[][]>();
    for (const event of events as unknown as AnyEvent[]) {
      const key = String((event as unknown as Record<string, unknown>)[spec.key]);
      const partition = partitionOf(key, spec.partitions);
      const partitionRuns = runs.get(partition);
      const run = partitionRuns?.at(-1);
      if (run && shareBatchEnvelope(run[0]!.metadata, event.metadata)) run.push(event);
      else if (partitionRuns) partitionRuns.push([event]);
      else runs.set(partition, [[event]]);
    }
    const messages: EventMessage[] = [];
    const emit = (partition: number, group: readonly AnyEvent[]): void => {
      const batch = batchOfEvents(group, batchId(), spec.key);
      const value = this.encode(twin, batch as never);
      if (value.length > bounds.maxBytes && group.length > 1) {
        const half = Math.ceil(group.length / 2);
        emit(partition, group.slice(0, half));
        emit(partition, group.slice(half));
        return;
      }
      messages.push({
        key: batch.key,
        value,
        partition,
        headers: {
          batch_id: batch.batch.batch_id,
          source: batch.batch.source.kind,
          ...(batch.batch.trace_id ? { trace_id: batch.batch.trace_id } : {}),
        },
      });
    };
    for (const [partition, partitionRuns] of runs)
      for (const run of partitionRuns)
        for (let i = 0; i < run.length; i += bounds.maxItems)
          emit(partition, run.slice(i, i + bounds.maxItems));
    return messages;
  }
}
