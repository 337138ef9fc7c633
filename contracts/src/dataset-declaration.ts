import { type Service } from './catalog';
import { type TributaryCommon } from './generated/events';

/**
 * What a dataset declaration says, and the small vocabulary it is written in. A declaration is
 * plain data (and one optional function for event fields no column fills), so the web console
 * bundles it for the browser as the services load it in Node. Every service derives its part from
 * a declaration: file-ingest its parsers and events, the catalog its topic, the analytics read
 * models its table name, the quality report its checks, the fixtures generator its columns.
 */

/** Inclusive bounds of a number. */
export interface Bounds {
  readonly min: number;
  readonly max: number;
}

/** How a cell is read into its event field; the parsers live in file-ingest, one per kind. */
export type FieldType =
  /** Printable text without control characters, at most 128 characters. */
  | { readonly kind: 'identifier' }
  /** An identifier safe in a URL path and a file name (`SENSOR_ID`). */
  | { readonly kind: 'sensor-id' }
  | { readonly kind: 'text'; readonly maxLength: number }
  /** An e-mail address (`EMAIL`), at most 254 characters, kept as written. */
  | { readonly kind: 'email' }
  | { readonly kind: 'number' }
  | { readonly kind: 'integer' }
  /** An exact decimal(18,4), carried as its string form. */
  | { readonly kind: 'money' }
  /** An ISO 4217 code, upper-cased. */
  | { readonly kind: 'currency' }
  /** A calendar day, `YYYY-MM-DD`. */
  | { readonly kind: 'day' }
  /** A point in time, UTC. */
  | { readonly kind: 'timestamp' }
  /** One of a fixed set of lower-case words (an Avro enum's symbols). */
  | { readonly kind: 'one-of'; readonly values: readonly string[] };

export interface DatasetField {
  /** Canonical column name (design.md), also the event field it fills. */
  readonly name: string;
  /** Other column names accepted for it; compared as `columnKey` compares them. */
  readonly aliases: readonly string[];
  readonly required: boolean;
  readonly type: FieldType;
  /** Physical bounds: a value outside them is refused on the way in, whichever way it enters. */
  readonly bounds?: Bounds;
  /**
   * What a plausible value is: a value outside is accepted (it may be a real refund, a real
   * zero) but the quality report counts it.
   */
  readonly expected?: {
    readonly min?: number;
    /** `min` itself is out of range (`> min`, not `≥ min`). */
    readonly minExclusive?: boolean;
    readonly max?: number;
  };
  /** The dataset whose key this field names: the quality report counts values it lacks. */
  readonly references?: string;
  /** How the analytics table stores it, when not in a column of its own name. */
  readonly stored?: { readonly column: string; readonly as: 'reading-time' };
  /**
   * It holds personal data, and what kind (which decides how it is masked): the API shows it
   * only to a caller with `read:personal`, and refuses filtering by it to others.
   */
  readonly personal?: PersonalKind;
}

/** What a personal field holds: a name (or other text about a person), an e-mail, a phone. */
export type PersonalKind = 'name' | 'email' | 'phone';

/** The fields of a declaration that hold personal data, with their kind, in declaration order. */
export const personalFieldsOf = (
  declaration: Pick<DatasetDeclaration, 'fields'>,
): readonly { readonly name: string; readonly personal: PersonalKind }[] =>
  declaration.fields.flatMap((field) =>
    field.personal ? [{ name: field.name, personal: field.personal }] : [],
  );

/** A rule across fields of one row. */
export type RowRule =
  /** Refused: `field` must be given when `when` is. */
  | { readonly kind: 'required-with'; readonly field: string; readonly when: string }
  /** Refused: at least one of `fields` must be given. */
  | { readonly kind: 'any-of'; readonly fields: readonly string[] }
  /**
   * Refused: `field` must not be before `other` when both are given (a session ending before it
   * starts). The quality report also counts stored rows breaking it (rows from before the rule).
   */
  | { readonly kind: 'not-before'; readonly field: string; readonly other: string };

export interface DatasetDeclaration<Name extends string = string, Table extends string = string> {
  /** `<domain>.<entity>`: the dataset's name in the API and the topic its rows are published on. */
  readonly name: Name;
  /** Full Avro name of the event a row becomes; its `.avsc` is `schemaFile` under contracts/schemas. */
  readonly event: string;
  readonly schemaFile: string;
  /**
   * entity: the latest row per key is the truth (a compacted topic, a directory table);
   * fact: every row is kept (a topic with retention, rollups).
   */
  readonly kind: 'entity' | 'fact';
  /** The field whose value is the Kafka message key: same key, same partition, same order. */
  readonly key: string;
  readonly partitions: number;
  readonly producers: readonly Service[];
  readonly consumers: readonly Service[];
  /** The fields that identify a row: the quality report's duplicates and `id_prefix` (first). */
  readonly identity: readonly string[];
  /** The field holding when the fact happened; entities take the time their file was received. */
  readonly occurredAt?: string;
  readonly fields: readonly DatasetField[];
  readonly rules: readonly RowRule[];
  /** The ClickHouse table its events are projected into (analytics-projector's migration). */
  readonly table: Table;
  /** Its sample file, in services/testing/fixtures/datasets/. */
  readonly sample: string;
  /** Event fields no column fills (a reading's id and version), from the row's envelope. */
  readonly eventFields?: (
    metadata: TributaryCommon.EventMetadata,
  ) => Readonly<Record<string, unknown>>;
}

/** A sensor id: safe in a URL path (`/v1/sensors/{sensorId}/readings`) and in a file name. */
export const SENSOR_ID = {
  pattern: /^[A-Za-z0-9._:-]{1,128}$/,
  message: 'must be 1 to 128 letters, digits or . _ : -',
} as const;

/**
 * An e-mail address as a data engineer checks one (not RFC 5322's every corner, which admits
 * quoted spaces and comments no mailbox uses): a local part of letters, digits and
 * ``.!#$%&'*+/=?^_`{|}~-`` without a leading, trailing or doubled dot, `@`, and a domain of
 * dot-separated labels of letters, digits and inner hyphens ending in a label of two or more
 * letters (international domains in their `xn--` form); at most 254 characters, 64 before `@`.
 */
export const EMAIL = {
  pattern:
    /^(?=.{1,254}$)(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/,
  message: 'must be an e-mail address such as name@example.com',
} as const;

/** What breaking a `not-before` rule is called. */
export const notBeforeMessage = (other: string): string => `must not be before ${other}`;

/** What breaking an `any-of` rule is called, on every path alike. */
export const anyOfMessage = (fields: readonly string[]): string =>
  `at least one of ${fields.join(', ')} is required`;

/** What breaking a `required-with` rule is called. */
export const requiredWithMessage = (when: string): string => `is required when ${when} is given`;

/** The row rules a row is refused by, each as `field: message`; empty when it holds. */
export function rowRuleProblems(
  rules: readonly RowRule[],
  row: Readonly<Record<string, unknown>>,
): string[] {
  const given = (field: string) => row[field] !== null && row[field] !== undefined;
  const problems: string[] = [];
  for (const rule of rules) {
    // Days (`YYYY-MM-DD`) compare as text; times as instants. The value is quoted last, as
    // field parsers quote theirs, so the quality report groups the reason without it.
    if (rule.kind === 'not-before' && given(rule.field) && given(rule.other)) {
      const [value, other] = [row[rule.field], row[rule.other]];
      if (comparable(value) < comparable(other))
        problems.push(
          `${rule.field}: ${notBeforeMessage(rule.other)}, got ${JSON.stringify(shown(value))}`,
        );
    }
    if (rule.kind === 'required-with' && given(rule.when) && !given(rule.field))
      problems.push(`${rule.field}: ${requiredWithMessage(rule.when)}`);
    if (rule.kind === 'any-of' && !rule.fields.some(given))
      problems.push(`${rule.fields[0]}: ${anyOfMessage(rule.fields)}`);
  }
  return problems;
}

const comparable = (value: unknown): number | string =>
  value instanceof Date ? value.getTime() : typeof value === 'number' ? value : String(value);
const shown = (value: unknown): string =>
  value instanceof Date ? value.toISOString() : String(value);

/** The field named `name`, or a thrown error naming the dataset. */
export function fieldOf(declaration: DatasetDeclaration, name: string): DatasetField {
  const field = declaration.fields.find((candidate) => candidate.name === name);
  if (!field) throw new Error(`${declaration.name} has no field ${name}`);
  return field;
}

/**
 * Checks a declaration's inner references (key, identity, occurredAt and rules name its fields;
 * bounds only on numbers, expected ranges on numbers and money) and returns it, so a mistake
 * fails where the dataset is declared.
 */
export function declareDataset<const D extends DatasetDeclaration>(declaration: D): D {
  const names = declaration.fields.map((f) => f.name);
  const mentioned = [
    declaration.key,
    ...declaration.identity,
    ...(declaration.occurredAt ? [declaration.occurredAt] : []),
    ...declaration.rules.flatMap((r) =>
      r.kind === 'any-of'
        ? r.fields
        : r.kind === 'required-with'
          ? [r.field, r.when]
          : [r.field, r.other],
    ),
  ];
  const unknown = mentioned.filter((name) => !names.includes(name));
  if (unknown.length > 0)
    throw new Error(
      `${declaration.name}: no field ${unknown.join(', ')}; its fields are ${names.join(', ')}`,
    );
  if (new Set(names).size !== names.length)
    throw new Error(`${declaration.name}: a field is declared twice in ${names.join(', ')}`);
  for (const field of declaration.fields) {
    // Bounds are checked as a value is parsed, on numbers; money stays a decimal string until it
    // is stored, so its expected range is the quality report's to count, on the stored Decimal.
    const number = field.type.kind === 'number' || field.type.kind === 'integer';
    if (field.bounds && !number)
      throw new Error(`${declaration.name}.${field.name}: bounds on a ${field.type.kind}`);
    if (field.expected && !number && field.type.kind !== 'money')
      throw new Error(
        `${declaration.name}.${field.name}: an expected range on a ${field.type.kind}`,
      );
  }
  for (const rule of declaration.rules) {
    if (rule.kind !== 'not-before') continue;
    const kinds = [fieldOf(declaration, rule.field), fieldOf(declaration, rule.other)].map(
      (field) => field.type.kind,
    );
    if (kinds[0] !== kinds[1] || !['day', 'timestamp', 'number', 'integer'].includes(kinds[0]!))
      throw new Error(
        `${declaration.name}: not-before compares ${rule.field} and ${rule.other}, which must be both days, times or numbers`,
      );
  }
  const occurred = declaration.occurredAt ? fieldOf(declaration, declaration.occurredAt) : null;
  if (occurred && (!occurred.required || !['day', 'timestamp'].includes(occurred.type.kind)))
    throw new Error(`${declaration.name}: occurredAt must name a required day or timestamp`);
  return declaration;
}

/** When a parsed row's fact happened (a day is its midnight, UTC); null for entities. */
export function occurredAtOf(
  declaration: DatasetDeclaration,
  row: Readonly<Record<string, unknown>>,
): Date | null {
  if (!declaration.occurredAt) return null;
  const value = row[declaration.occurredAt];
  return typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : (value as Date);
}

/**
 * The event a parsed row becomes: the envelope, the fields no column fills, then each declared
 * field (null when the row has none). The event's `.avsc` is held to the declaration by a test.
 */
export function eventOf(
  declaration: DatasetDeclaration,
  row: Readonly<Record<string, unknown>>,
  metadata: TributaryCommon.EventMetadata,
): Record<string, unknown> {
  const event: Record<string, unknown> = { metadata, ...declaration.eventFields?.(metadata) };
  for (const field of declaration.fields) event[field.name] = row[field.name] ?? null;
  return event;
}
