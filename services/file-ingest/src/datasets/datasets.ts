import {
  DATASET_DECLARATIONS,
  DATASETS,
  eventOf,
  occurredAtOf,
  EMAIL,
  rowRuleProblems,
  SENSOR_ID,
  type DatasetDeclaration,
  type DatasetName,
  type FieldType,
  type TopicEvents,
  type TributaryCommon,
} from '@tributary/contracts';
import {
  between,
  quote,
  day,
  identifier,
  integer,
  money,
  number,
  oneOf,
  text,
  timestamp,
  type FieldParser,
} from './field-parsers';

// The nine datasets are the contracts' declarations; re-exported for this service's mapping code.
export { DATASETS, isDataset, type DatasetName } from '@tributary/contracts';

export interface FieldSpec {
  /** Canonical column name (design.md), also the event field it fills. */
  readonly name: string;
  /** Other column names accepted for it; matched like the canonical name (see `columnKey`). */
  readonly aliases: readonly string[];
  readonly parse: FieldParser<unknown>;
  readonly required: boolean;
}

/** A row whose fields passed their parsers: canonical name → value (null when empty). */
export type ParsedRow = Readonly<Record<string, unknown>>;

/** How this service reads a dataset's files: its declaration, with a parser per field. */
export interface DatasetSpec<D extends string = DatasetName> {
  readonly name: D;
  readonly fields: readonly FieldSpec[];
  /** Rules across fields; each broken rule is a reason naming its field. */
  readonly check: (row: ParsedRow) => string[];
  /** When the fact happened; null for entities, which take the time the file was received. */
  readonly occurredAt: (row: ParsedRow) => Date | null;
  readonly toEvent: (
    row: ParsedRow,
    metadata: TributaryCommon.EventMetadata,
  ) => D extends DatasetName ? TopicEvents[D] : Record<string, unknown>;
}

// How a column name is compared (case, spaces, `_` and `-` do not matter): the contracts' rule.
export { columnKey } from '@tributary/contracts';

const currency: FieldParser<string> = (value) => {
  const parsed = text(3)(value);
  if (!parsed.ok || parsed.value === null) return parsed;
  return /^[A-Za-z]{3}$/.test(parsed.value)
    ? { ok: true as const, value: parsed.value.toUpperCase() }
    : { ok: false as const, reason: 'must be an ISO 4217 code such as EUR' };
};

/** A sensor id, by the one rule every way a reading enters follows (`SENSOR_ID`). */
const sensorId: FieldParser<string> = (value) => {
  const parsed = identifier(value);
  if (!parsed.ok || parsed.value === null) return parsed;
  return SENSOR_ID.pattern.test(parsed.value)
    ? parsed
    : { ok: false as const, reason: SENSOR_ID.message };
};

/**
 * An e-mail address by the contracts' one rule (`EMAIL`), kept as written: case is the mailbox
 * owner's to decide in the local part, so nothing is lower-cased.
 */
const email: FieldParser<string> = (value) => {
  const parsed = text(254)(value);
  if (!parsed.ok || parsed.value === null) return parsed;
  return EMAIL.pattern.test(parsed.value)
    ? parsed
    : { ok: false as const, reason: `${EMAIL.message}, got ${quote(value)}` };
};

/** The parser of each kind of field the declarations use. */
function parserOf(type: FieldType): FieldParser<unknown> {
  switch (type.kind) {
    case 'identifier':
      return identifier;
    case 'sensor-id':
      return sensorId;
    case 'text':
      return text(type.maxLength);
    case 'email':
      return email;
    case 'number':
      return number;
    case 'integer':
      return integer;
    case 'money':
      return money;
    case 'currency':
      return currency;
    case 'day':
      return day;
    case 'timestamp':
      return timestamp;
    case 'one-of':
      return oneOf(type.values);
  }
}

/**
 * A dataset's parsing rules, derived from its declaration: each field's parser, within the
 * field's bounds when it has any (the bounds the quality report counts by are the ones rows are
 * refused by), its rules across fields, and the event a row becomes.
 */
export function datasetSpecOf<D extends string>(
  declaration: DatasetDeclaration<D>,
): DatasetSpec<D> {
  return {
    name: declaration.name,
    fields: declaration.fields.map((field) => {
      const parse = parserOf(field.type);
      return {
        name: field.name,
        aliases: field.aliases,
        required: field.required,
        parse: field.bounds
          ? between(parse as FieldParser<number>, field.bounds.min, field.bounds.max)
          : parse,
      };
    }),
    check: (row) => rowRuleProblems(declaration.rules, row),
    occurredAt: (row) => occurredAtOf(declaration, row),
    toEvent: (row, metadata) =>
      eventOf(declaration, row, metadata) as ReturnType<DatasetSpec<D>['toEvent']>,
  };
}

/** The nine datasets' parsing rules. */
export const DATASET_SPECS = Object.fromEntries(
  DATASETS.map((name) => [name, datasetSpecOf(DATASET_DECLARATIONS[name])]),
) as { readonly [D in DatasetName]: DatasetSpec<D> };
