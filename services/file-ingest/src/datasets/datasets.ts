import {
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

/**
 * How a column name is compared: case, spaces, `_` and `-` do not matter, so `userId`, `User ID`
 * and `user_id` are the same column.
 */
export const columnKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const field = (
  name: string,
  parse: FieldParser<unknown>,
  options: { required?: boolean; aliases?: string[] } = {},
): FieldSpec => ({
  name,
  parse,
  required: options.required ?? false,
  aliases: options.aliases ?? [],
});

const required = { required: true };
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
    fields: [
      field('user_id', id, { ...required, aliases: ['id', 'uid'] }),
      field('first_name', shortText, { ...required, aliases: ['given_name', 'forename'] }),
      field('last_name', shortText, { ...required, aliases: ['surname', 'family_name'] }),
      field('email', shortText, { aliases: ['email_address', 'mail'] }),
      field('phone', text(64), { aliases: ['phone_number', 'mobile', 'telephone'] }),
      field('signup_date', day, { aliases: ['signed_up', 'registration_date', 'registered_at'] }),
    ],
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
    fields: [
      field('charger_id', id, { ...required, aliases: ['id', 'station_id'] }),
      field('name', shortText, { ...required, aliases: ['charger_name', 'station_name'] }),
      field('city', shortText, required),
      field('address', longText, { aliases: ['street'] }),
      field('latitude', between(number, -90, 90), { aliases: ['lat'] }),
      field('longitude', between(number, -180, 180), { aliases: ['lng', 'lon', 'long'] }),
      field('power_kw', number, { aliases: ['power', 'max_power_kw', 'kw'] }),
      field('connector_type', text(64), { aliases: ['connector', 'plug_type'] }),
    ],
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
    fields: [
      field('transaction_id', id, { ...required, aliases: ['id', 'session_id', 'tx_id'] }),
      field('user_id', id, { ...required, aliases: ['user'] }),
      field('charger_id', id, { ...required, aliases: ['charger', 'station_id'] }),
      field('start_time', timestamp, { ...required, aliases: ['start', 'started_at'] }),
      field('end_time', timestamp, { aliases: ['end', 'ended_at'] }),
      field('energy_kwh', number, { ...required, aliases: ['energy', 'kwh'] }),
      field('cost', money, { aliases: ['price'] }),
      field('currency', currency, { aliases: ['ccy'] }),
    ],
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
    fields: [
      field('client_id', id, { ...required, aliases: ['id', 'customer_id'] }),
      field('name', shortText, { ...required, aliases: ['client_name', 'full_name'] }),
      field('email', shortText, { aliases: ['email_address', 'mail'] }),
      field('country', text(64), { aliases: ['country_code'] }),
      field('created_at', timestamp, { aliases: ['opened_at', 'client_since'] }),
    ],
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
    fields: [
      field('transaction_id', id, { ...required, aliases: ['id', 'txn_id'] }),
      field('client_id', id, { ...required, aliases: ['customer_id'] }),
      field('transaction_type', oneOf(TRANSACTION_TYPES), {
        ...required,
        aliases: ['type', 'txn_type'],
      }),
      field('transaction_date', timestamp, {
        ...required,
        aliases: ['date', 'booking_date', 'booked_at'],
      }),
      field('amount', money, { ...required, aliases: ['value'] }),
      field('currency', currency, { ...required, aliases: ['ccy'] }),
    ],
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
    fields: [
      field('sensor_id', id, { ...required, aliases: ['sensor', 'device_id'] }),
      field('timestamp', timestamp, {
        ...required,
        aliases: ['time', 'ts', 'datetime', 'recorded_at'],
      }),
      field('temperature', between(number, -273.15, 1e6), { aliases: ['temp', 'temperature_c'] }),
      field('pressure', between(number, 0, 1e7), { aliases: ['pressure_hpa'] }),
      field('humidity', between(number, 0, 100), { aliases: ['humidity_pct', 'rh'] }),
    ],
    check: (row) =>
      row['temperature'] === null && row['pressure'] === null && row['humidity'] === null
        ? ['temperature: at least one of temperature, pressure, humidity is required']
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
    fields: [
      field('user_id', id, { ...required, aliases: ['user', 'customer_id'] }),
      field('date', day, { ...required, aliases: ['day', 'usage_date'] }),
      field('usage_kwh', number, {
        ...required,
        aliases: ['usage', 'kwh', 'consumption', 'consumption_kwh'],
      }),
    ],
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
    fields: [
      field('product_id', id, { ...required, aliases: ['id', 'sku'] }),
      field('name', shortText, { ...required, aliases: ['product_name', 'title'] }),
      field('category', shortText, { ...required, aliases: ['category_name'] }),
      field('price', money, { aliases: ['unit_price', 'list_price'] }),
    ],
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
    fields: [
      field('sale_id', id, { ...required, aliases: ['id'] }),
      field('product_id', id, { ...required, aliases: ['sku', 'product'] }),
      field('quantity', integer, { ...required, aliases: ['qty', 'units'] }),
      field('amount', money, { ...required, aliases: ['total', 'sale_amount'] }),
      field('sale_date', day, { ...required, aliases: ['date', 'sold_on'] }),
    ],
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
