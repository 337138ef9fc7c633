import {
  DATASET_COLUMNS,
  ONE_MEASUREMENT_MESSAGE,
  SENSOR_ID,
  type DatasetName,
  type TopicEvents,
  type TributaryBanking,
  type TributaryCommon,
} from '@tributary/contracts';
import {
  between,
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

// The nine datasets are the contracts' list; re-exported for this service's mapping code.
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

export interface DatasetSpec<D extends DatasetName = DatasetName> {
  readonly name: D;
  readonly fields: readonly FieldSpec[];
  /** Rules across fields; each broken rule is a reason naming its field. */
  readonly check?: (row: ParsedRow) => string[];
  /** When the fact happened; entities (users, products…) use the time the file was received. */
  readonly occurredAt?: (row: ParsedRow) => Date;
  readonly toEvent: (row: ParsedRow, metadata: TributaryCommon.EventMetadata) => TopicEvents[D];
}

// How a column name is compared (case, spaces, `_` and `-` do not matter): the contracts' rule.
export { columnKey } from '@tributary/contracts';

/** A column's parser; its aliases and whether it is required come from the contracts' table. */
const field = (name: string, parse: FieldParser<unknown>) => ({ name, parse });

/**
 * A dataset's fields: the contracts' columns (`DATASET_COLUMNS`, one definition shared with the
 * gateway and the console) each with its parser, within the column's bounds when it has any. A column without a parser, or a parser for no
 * column, fails when this module loads, so the two lists cannot drift apart.
 */
function columns(
  dataset: DatasetName,
  parsers: readonly { name: string; parse: FieldParser<unknown> }[],
): FieldSpec[] {
  const table = DATASET_COLUMNS[dataset];
  const names = (list: readonly { name: string }[]) => list.map((c) => c.name).join(',');
  if (names(table) !== names(parsers))
    throw new Error(
      `${dataset}: parsers for ${names(parsers)}, but its columns are ${names(table)}`,
    );
  // A column with physical bounds takes them from the contracts' table, so the bounds the quality
  // report counts by are the ones rows are refused by.
  return table.map((column, i) => {
    const parse = parsers[i]!.parse;
    return {
      ...column,
      parse: column.bounds
        ? between(parse as FieldParser<number>, column.bounds.min, column.bounds.max)
        : parse,
    };
  });
}

const id = identifier;
const shortText = text(256);
const longText = text(1_024);
const currency = (value: Parameters<FieldParser<string>>[0]) => {
  const parsed = text(3)(value);
  if (!parsed.ok || parsed.value === null) return parsed;
  return /^[A-Za-z]{3}$/.test(parsed.value)
    ? { ok: true as const, value: parsed.value.toUpperCase() }
    : { ok: false as const, reason: 'must be an ISO 4217 code such as EUR' };
};

/** A sensor id, by the one rule every way a reading enters follows (contracts' `readings.ts`). */
const sensorId = (value: Parameters<FieldParser<string>>[0]) => {
  const parsed = identifier(value);
  if (!parsed.ok || parsed.value === null) return parsed;
  return SENSOR_ID.pattern.test(parsed.value)
    ? parsed
    : { ok: false as const, reason: SENSOR_ID.message };
};
const s = (row: ParsedRow, name: string) => row[name] as string;
const n = (row: ParsedRow, name: string) => row[name] as number;
const opt = <T>(row: ParsedRow, name: string) => (row[name] ?? null) as T | null;

const TRANSACTION_TYPES: readonly TributaryBanking.TransactionType[] = [
  'deposit',
  'withdrawal',
  'transfer',
  'payment',
  'fee',
  'interest',
];

/** The nine datasets: their columns, accepted aliases, parsing rules and the event each row becomes. */
export const DATASET_SPECS: { readonly [D in DatasetName]: DatasetSpec<D> } = {
  'ev.users': {
    name: 'ev.users',
    fields: columns('ev.users', [
      field('user_id', id),
      field('first_name', shortText),
      field('last_name', shortText),
      field('email', shortText),
      field('phone', text(64)),
      field('signup_date', day),
    ]),
    toEvent: (row, metadata) => ({
      metadata,
      user_id: s(row, 'user_id'),
      first_name: s(row, 'first_name'),
      last_name: s(row, 'last_name'),
      email: opt(row, 'email'),
      phone: opt(row, 'phone'),
      signup_date: opt(row, 'signup_date'),
    }),
  },
  'ev.chargers': {
    name: 'ev.chargers',
    fields: columns('ev.chargers', [
      field('charger_id', id),
      field('name', shortText),
      field('city', shortText),
      field('address', longText),
      field('latitude', number),
      field('longitude', number),
      field('power_kw', number),
      field('connector_type', text(64)),
    ]),
    toEvent: (row, metadata) => ({
      metadata,
      charger_id: s(row, 'charger_id'),
      name: s(row, 'name'),
      city: s(row, 'city'),
      address: opt(row, 'address'),
      latitude: opt(row, 'latitude'),
      longitude: opt(row, 'longitude'),
      power_kw: opt(row, 'power_kw'),
      connector_type: opt(row, 'connector_type'),
    }),
  },
  'ev.transactions': {
    name: 'ev.transactions',
    fields: columns('ev.transactions', [
      field('transaction_id', id),
      field('user_id', id),
      field('charger_id', id),
      field('start_time', timestamp),
      field('end_time', timestamp),
      field('energy_kwh', number),
      field('cost', money),
      field('currency', currency),
    ]),
    check: (row) =>
      row['cost'] !== null && row['currency'] === null
        ? ['currency: is required when cost is given']
        : [],
    occurredAt: (row) => row['start_time'] as Date,
    toEvent: (row, metadata) => ({
      metadata,
      transaction_id: s(row, 'transaction_id'),
      user_id: s(row, 'user_id'),
      charger_id: s(row, 'charger_id'),
      start_time: row['start_time'] as Date,
      end_time: opt(row, 'end_time'),
      energy_kwh: n(row, 'energy_kwh'),
      cost: opt(row, 'cost'),
      currency: opt(row, 'currency'),
    }),
  },
  'banking.clients': {
    name: 'banking.clients',
    fields: columns('banking.clients', [
      field('client_id', id),
      field('name', shortText),
      field('email', shortText),
      field('country', text(64)),
      field('created_at', timestamp),
    ]),
    toEvent: (row, metadata) => ({
      metadata,
      client_id: s(row, 'client_id'),
      name: s(row, 'name'),
      email: opt(row, 'email'),
      country: opt(row, 'country'),
      created_at: opt(row, 'created_at'),
    }),
  },
  'banking.transactions': {
    name: 'banking.transactions',
    fields: columns('banking.transactions', [
      field('transaction_id', id),
      field('client_id', id),
      field('transaction_type', oneOf(TRANSACTION_TYPES)),
      field('transaction_date', timestamp),
      field('amount', money),
      field('currency', currency),
    ]),
    occurredAt: (row) => row['transaction_date'] as Date,
    toEvent: (row, metadata) => ({
      metadata,
      transaction_id: s(row, 'transaction_id'),
      client_id: s(row, 'client_id'),
      transaction_type: row['transaction_type'] as TributaryBanking.TransactionType,
      transaction_date: row['transaction_date'] as Date,
      amount: s(row, 'amount'),
      currency: s(row, 'currency'),
    }),
  },
  'telemetry.readings': {
    name: 'telemetry.readings',
    fields: columns('telemetry.readings', [
      field('sensor_id', sensorId),
      field('timestamp', timestamp),
      field('temperature', number),
      field('pressure', number),
      field('humidity', number),
    ]),
    check: (row) =>
      row['temperature'] === null && row['pressure'] === null && row['humidity'] === null
        ? [`temperature: ${ONE_MEASUREMENT_MESSAGE}`]
        : [],
    occurredAt: (row) => row['timestamp'] as Date,
    toEvent: (row, metadata) => ({
      metadata,
      reading_id: metadata.event_id,
      sensor_id: s(row, 'sensor_id'),
      timestamp: row['timestamp'] as Date,
      temperature: opt(row, 'temperature'),
      pressure: opt(row, 'pressure'),
      humidity: opt(row, 'humidity'),
      metrics: {},
      version: 1,
    }),
  },
  'energy.usage': {
    name: 'energy.usage',
    fields: columns('energy.usage', [
      field('user_id', id),
      field('date', day),
      field('usage_kwh', number),
    ]),
    occurredAt: (row) => new Date(`${s(row, 'date')}T00:00:00Z`),
    toEvent: (row, metadata) => ({
      metadata,
      user_id: s(row, 'user_id'),
      date: s(row, 'date'),
      usage_kwh: n(row, 'usage_kwh'),
    }),
  },
  'retail.products': {
    name: 'retail.products',
    fields: columns('retail.products', [
      field('product_id', id),
      field('name', shortText),
      field('category', shortText),
      field('price', money),
    ]),
    toEvent: (row, metadata) => ({
      metadata,
      product_id: s(row, 'product_id'),
      name: s(row, 'name'),
      category: s(row, 'category'),
      price: opt(row, 'price'),
    }),
  },
  'retail.sales': {
    name: 'retail.sales',
    fields: columns('retail.sales', [
      field('sale_id', id),
      field('product_id', id),
      field('quantity', integer),
      field('amount', money),
      field('sale_date', day),
    ]),
    occurredAt: (row) => new Date(`${s(row, 'sale_date')}T00:00:00Z`),
    toEvent: (row, metadata) => ({
      metadata,
      sale_id: s(row, 'sale_id'),
      product_id: s(row, 'product_id'),
      quantity: n(row, 'quantity'),
      amount: s(row, 'amount'),
      sale_date: s(row, 'sale_date'),
    }),
  },
};
