import { DATASET_COLUMNS, DATASETS, type DatasetName } from '@tributary/contracts';
import { ANALYTICS_TABLES } from '@tributary/read-models';
/**
 * What the quality report checks, per dataset: the table its accepted rows land in (the
 * analytics-projector's), its canonical fields and the columns holding them, its key, its
 * range rules and its references. Every table and column name the report's SQL uses comes from
 * here (`QUALITY_COLUMNS` is the whitelist `ch.ident` checks against).
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
  readonly column: QualityColumn;
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
  readonly column: QualityColumn;
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

/** Each dataset's table, as analytics-projector writes it (the read models' map). */
export const QUALITY_TABLES = DATASETS.map((dataset) => ANALYTICS_TABLES[dataset]);
export type QualityTable = (typeof ANALYTICS_TABLES)[QualityDataset];

export const QUALITY_COLUMNS = [
  'user_id',
  'first_name',
  'last_name',
  'email',
  'phone',
  'signup_date',
  'charger_id',
  'name',
  'city',
  'address',
  'latitude',
  'longitude',
  'power_kw',
  'connector_type',
  'transaction_id',
  'start_time',
  'end_time',
  'energy_kwh',
  'cost',
  'currency',
  'client_id',
  'country',
  'created_at',
  'transaction_type',
  'transaction_date',
  'amount',
  'sensor_id',
  'ts',
  'ts_ms',
  'temperature',
  'pressure',
  'humidity',
  'date',
  'usage_kwh',
  'product_id',
  'category',
  'price',
  'sale_id',
  'quantity',
  'sale_date',
] as const;
export type QualityColumn = (typeof QUALITY_COLUMNS)[number];

const f = (name: QualityColumn, type: FieldType): QualityField => ({ name, column: name, type });
const atLeast = (field: string, min: number): RangeRule => ({ kind: 'bounds', field, min });
const above = (field: string, min: number): RangeRule => ({
  kind: 'bounds',
  field,
  min,
  minExclusive: true,
});
const within = (field: string, min: number, max: number): RangeRule => ({
  kind: 'bounds',
  field,
  min,
  max,
});

/**
 * The dataset's physical bounds, as the contracts declare its columns' (`DATASET_COLUMNS`): rows
 * outside them are refused on the way in, so a count here is one that came in before the rule.
 */
const boundsOf = (dataset: QualityDataset): RangeRule[] =>
  DATASET_COLUMNS[dataset].flatMap((column) =>
    column.bounds ? [within(column.name, column.bounds.min, column.bounds.max)] : [],
  );

export const QUALITY_SPECS: { readonly [D in QualityDataset]: DatasetQualitySpec } = {
  'ev.users': {
    dataset: 'ev.users',
    table: ANALYTICS_TABLES['ev.users'],
    fields: [
      f('user_id', 'text'),
      f('first_name', 'text'),
      f('last_name', 'text'),
      f('email', 'text'),
      f('phone', 'text'),
      f('signup_date', 'day'),
    ],
    key: ['user_id'],
    rules: [],
    references: [],
  },
  'ev.chargers': {
    dataset: 'ev.chargers',
    table: ANALYTICS_TABLES['ev.chargers'],
    fields: [
      f('charger_id', 'text'),
      f('name', 'text'),
      f('city', 'text'),
      f('address', 'text'),
      f('latitude', 'number'),
      f('longitude', 'number'),
      f('power_kw', 'number'),
      f('connector_type', 'text'),
    ],
    key: ['charger_id'],
    rules: [...boundsOf('ev.chargers'), above('power_kw', 0)],
    references: [],
  },
  'ev.transactions': {
    dataset: 'ev.transactions',
    table: ANALYTICS_TABLES['ev.transactions'],
    fields: [
      f('transaction_id', 'text'),
      f('user_id', 'text'),
      f('charger_id', 'text'),
      f('start_time', 'instant'),
      f('end_time', 'instant'),
      f('energy_kwh', 'number'),
      f('cost', 'decimal'),
      f('currency', 'text'),
    ],
    key: ['transaction_id'],
    rules: [
      atLeast('energy_kwh', 0),
      atLeast('cost', 0),
      { kind: 'not-before', field: 'end_time', other: 'start_time' },
    ],
    references: [
      {
        field: 'user_id',
        dataset: 'ev.users',
        table: ANALYTICS_TABLES['ev.users'],
        column: 'user_id',
      },
      {
        field: 'charger_id',
        dataset: 'ev.chargers',
        table: ANALYTICS_TABLES['ev.chargers'],
        column: 'charger_id',
      },
    ],
  },
  'banking.clients': {
    dataset: 'banking.clients',
    table: ANALYTICS_TABLES['banking.clients'],
    fields: [
      f('client_id', 'text'),
      f('name', 'text'),
      f('email', 'text'),
      f('country', 'text'),
      f('created_at', 'instant'),
    ],
    key: ['client_id'],
    rules: [],
    references: [],
  },
  'banking.transactions': {
    dataset: 'banking.transactions',
    table: ANALYTICS_TABLES['banking.transactions'],
    fields: [
      f('transaction_id', 'text'),
      f('client_id', 'text'),
      f('transaction_type', 'text'),
      f('transaction_date', 'instant'),
      f('amount', 'decimal'),
      f('currency', 'text'),
    ],
    key: ['transaction_id'],
    // The direction is transaction_type's (withdrawal, fee…): the amount is a magnitude.
    rules: [atLeast('amount', 0)],
    references: [
      {
        field: 'client_id',
        dataset: 'banking.clients',
        table: ANALYTICS_TABLES['banking.clients'],
        column: 'client_id',
      },
    ],
  },
  'telemetry.readings': {
    dataset: 'telemetry.readings',
    table: ANALYTICS_TABLES['telemetry.readings'],
    fields: [
      f('sensor_id', 'text'),
      { name: 'timestamp', column: 'ts', type: 'reading-time' },
      f('temperature', 'number'),
      f('pressure', 'number'),
      f('humidity', 'number'),
    ],
    key: ['sensor_id', 'timestamp'],
    // file-ingest refuses these already; readings also arrive over HTTP and from external
    // producers, so the report checks what is stored, whatever its path.
    rules: boundsOf('telemetry.readings'),
    references: [],
  },
  'energy.usage': {
    dataset: 'energy.usage',
    table: ANALYTICS_TABLES['energy.usage'],
    fields: [f('user_id', 'text'), f('date', 'day'), f('usage_kwh', 'number')],
    key: ['user_id', 'date'],
    rules: [atLeast('usage_kwh', 0)],
    references: [],
  },
  'retail.products': {
    dataset: 'retail.products',
    table: ANALYTICS_TABLES['retail.products'],
    fields: [
      f('product_id', 'text'),
      f('name', 'text'),
      f('category', 'text'),
      f('price', 'decimal'),
    ],
    key: ['product_id'],
    rules: [atLeast('price', 0)],
    references: [],
  },
  'retail.sales': {
    dataset: 'retail.sales',
    table: ANALYTICS_TABLES['retail.sales'],
    fields: [
      f('sale_id', 'text'),
      f('product_id', 'text'),
      f('quantity', 'number'),
      f('amount', 'decimal'),
      f('sale_date', 'day'),
    ],
    key: ['sale_id'],
    rules: [above('quantity', 0), atLeast('amount', 0)],
    references: [
      {
        field: 'product_id',
        dataset: 'retail.products',
        table: ANALYTICS_TABLES['retail.products'],
        column: 'product_id',
      },
    ],
  },
};

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
