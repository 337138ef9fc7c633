import {
  DATASET_DECLARATIONS,
  DATASETS,
  fieldOf as declaredField,
  type DatasetDeclaration,
  type DatasetField,
  type DatasetName,
  type DatasetTables,
  type FieldType as DeclaredKind,
} from '@tributary/contracts';

/**
 * What the quality report checks, per dataset, derived from the dataset's declaration: the
 * table its accepted rows land in (the analytics-projector's), its canonical fields and the
 * columns holding them, its key, its range rules and its references. Every table and column name
 * the report's SQL uses comes from here (`qualityColumnsOf` is the whitelist `ch.ident` checks
 * against).
 */

export type QualityDataset = DatasetName;

/**
 * How a field is stored, which decides how it is counted and shown:
 * - `text`: String or Nullable(String) (the only kind with an empty-string rate);
 * - `number`: a Float64 or Int64 column; `decimal`: Decimal(18, 4) — both compared and ranked as
 *   Float64 (a Decimal(18, 4) converts to the double nearest its value, as `Number('12.34')` does);
 * - `instant`: DateTime('UTC'), shown as ISO-8601; `day`: Date, shown as `YYYY-MM-DD`;
 * - `reading-time`: a reading's `ts` (seconds) with `ts_ms` (milliseconds), one instant.
 */
export type FieldType = 'text' | 'number' | 'decimal' | 'instant' | 'day' | 'reading-time';

export interface QualityField {
  /** The canonical field name (design.md). */
  readonly name: string;
  readonly column: string;
  readonly type: FieldType;
}

/** A value out of its valid range; `NULL` is never out of range (the null rate shows it). */
export type RangeRule =
  | {
      readonly kind: 'bounds';
      readonly field: string;
      readonly min?: number;
      /** `min` itself is out of range (`> min`, not `≥ min`). */
      readonly minExclusive?: boolean;
      readonly max?: number;
    }
  | { readonly kind: 'not-before'; readonly field: string; readonly other: string };

export interface Reference {
  readonly field: string;
  /** The dataset whose key the field names, and where its rows are. */
  readonly dataset: QualityDataset;
  readonly table: QualityTable;
  readonly column: string;
}

export interface DatasetQualitySpec {
  readonly dataset: QualityDataset;
  readonly table: QualityTable;
  readonly fields: readonly QualityField[];
  /** Field names making the dataset's key, the first one being what `id_prefix` filters on. */
  readonly key: readonly string[];
  readonly rules: readonly RangeRule[];
  readonly references: readonly Reference[];
}

/** Each dataset's table, as analytics-projector writes it (the declarations'). */
export type QualityTable = DatasetTables[QualityDataset];

/** How each kind of declared field is stored in its analytics table. */
const STORED_AS: { readonly [K in DeclaredKind['kind']]: FieldType } = {
  identifier: 'text',
  'sensor-id': 'text',
  text: 'text',
  email: 'text',
  currency: 'text',
  'one-of': 'text',
  number: 'number',
  integer: 'number',
  money: 'decimal',
  day: 'day',
  timestamp: 'instant',
};

const fieldOfDeclared = (field: DatasetField): QualityField => ({
  name: field.name,
  column: field.stored?.column ?? field.name,
  type: field.stored?.as ?? STORED_AS[field.type.kind],
});

/**
 * What the report checks of a dataset, derived from its declaration: its fields as stored, its
 * identity, a bounds rule per field with physical bounds (refused on the way in, so a count here
 * is a row that came in before the rule) or an expected range (counted, never refused), its
 * `not-before` rules, and a reference per field naming another dataset's key. `among` is where
 * a referenced dataset is found.
 */
export function qualitySpecOf(
  declaration: DatasetDeclaration,
  among: Readonly<Record<string, DatasetDeclaration>> = DATASET_DECLARATIONS,
): DatasetQualitySpec {
  const rules: RangeRule[] = declaration.fields.flatMap((field) =>
    [field.bounds, field.expected].flatMap((range): RangeRule[] =>
      range ? [{ kind: 'bounds', field: field.name, ...range }] : [],
    ),
  );
  for (const rule of declaration.rules) if (rule.kind === 'not-before') rules.push({ ...rule });
  const references = declaration.fields.flatMap((field): Reference[] => {
    if (!field.references) return [];
    const target = among[field.references];
    if (!target)
      throw new Error(
        `${declaration.name}.${field.name} references ${field.references}, not declared`,
      );
    return [
      {
        field: field.name,
        dataset: target.name as QualityDataset,
        table: target.table as QualityTable,
        column: fieldOfDeclared(declaredField(target, target.identity[0]!)).column,
      },
    ];
  });
  return {
    dataset: declaration.name as QualityDataset,
    table: declaration.table as QualityTable,
    fields: declaration.fields.map(fieldOfDeclared),
    key: declaration.identity,
    rules,
    references,
  };
}

export const QUALITY_SPECS = Object.fromEntries(
  DATASETS.map((name) => [name, qualitySpecOf(DATASET_DECLARATIONS[name])]),
) as { readonly [D in QualityDataset]: DatasetQualitySpec };

/** Where a reading time keeps its milliseconds, beside its seconds. */
export const READING_MILLIS = 'ts_ms';

/**
 * Every column the report's SQL may name for a dataset (`ch.ident` checks against this list): the
 * stored columns of its fields, a reading time's milliseconds, and the referenced datasets' keys.
 */
export function qualityColumnsOf(spec: DatasetQualitySpec): readonly string[] {
  return [
    ...spec.fields.flatMap((field) =>
      field.type === 'reading-time' ? [field.column, READING_MILLIS] : [field.column],
    ),
    ...spec.references.map((reference) => reference.column),
  ];
}

/** The fields whose values are ranked (quartiles, IQR outliers). */
export const isNumeric = (field: QualityField): boolean =>
  field.type === 'number' || field.type === 'decimal';

export function fieldOf(spec: DatasetQualitySpec, name: string): QualityField {
  const field = spec.fields.find((candidate) => candidate.name === name);
  if (!field) throw new Error(`${spec.dataset} has no field ${name}`);
  return field;
}

/** The rule as people read it: `energy_kwh >= 0`, `humidity between 0 and 100`. */
export function describeRule(rule: RangeRule): string {
  if (rule.kind === 'not-before') return `${rule.field} >= ${rule.other}`;
  if (rule.min !== undefined && rule.max !== undefined)
    return `${rule.field} between ${rule.min} and ${rule.max}`;
  if (rule.min !== undefined) return `${rule.field} ${rule.minExclusive ? '>' : '>='} ${rule.min}`;
  return `${rule.field} <= ${rule.max}`;
}

/** The fields a rule's examples show. */
export const ruleFields = (rule: RangeRule): string[] =>
  rule.kind === 'not-before' ? [rule.other, rule.field] : [rule.field];
