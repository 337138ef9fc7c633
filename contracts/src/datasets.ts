import {
  declareDataset,
  type DatasetDeclaration,
  type DatasetField,
  type FieldType,
} from './dataset-declaration';
import { type TributaryBanking } from './generated/events';

/**
 * The nine datasets Tributary ingests (design.md, "Datasets"), each declared once: its columns
 * with their aliases, types, bounds and quality expectations, its rules across columns, its
 * topic, key and table, its sample file. file-ingest, the readings path, the external publisher,
 * the topic catalog, the analytics read models, the quality report, the web console and the
 * fixtures generator all derive from these declarations (docs/adding-a-dataset.md walks through
 * adding a tenth). A test holds each declaration to its event's `.avsc`.
 */

const identifier: FieldType = { kind: 'identifier' };
const text = (maxLength: number): FieldType => ({ kind: 'text', maxLength });
const shortText = text(256);
const email: FieldType = { kind: 'email' };
const number: FieldType = { kind: 'number' };
const integer: FieldType = { kind: 'integer' };
const money: FieldType = { kind: 'money' };
const currency: FieldType = { kind: 'currency' };
const day: FieldType = { kind: 'day' };
const timestamp: FieldType = { kind: 'timestamp' };

type FieldOptions = Omit<DatasetField, 'name' | 'aliases' | 'required' | 'type'>;

const required = (
  name: string,
  type: FieldType,
  aliases: readonly string[] = [],
  options: FieldOptions = {},
): DatasetField => ({ name, aliases, required: true, type, ...options });

const optional = (
  name: string,
  type: FieldType,
  aliases: readonly string[] = [],
  options: FieldOptions = {},
): DatasetField => ({ name, aliases, required: false, type, ...options });

const ENTITY = {
  kind: 'entity',
  consumers: ['directory-projector', 'analytics-projector'],
} as const;
const FACT = { kind: 'fact', consumers: ['analytics-projector'] } as const;
const FROM_FILES = ['file-ingest'] as const;
const FROM_FILES_AND_OUTSIDE = ['file-ingest', 'external producers'] as const;

const TRANSACTION_TYPES = [
  'deposit',
  'withdrawal',
  'transfer',
  'payment',
  'fee',
  'interest',
] as const satisfies readonly TributaryBanking.TransactionType[];

export const DATASET_DECLARATIONS = {
  'ev.users': declareDataset({
    name: 'ev.users',
    event: 'tributary.ev.UserUpserted',
    schemaFile: 'ev/user-upserted.avsc',
    ...ENTITY,
    key: 'user_id',
    partitions: 3,
    producers: FROM_FILES_AND_OUTSIDE,
    identity: ['user_id'],
    fields: [
      required('user_id', identifier, ['id', 'uid']),
      required('first_name', shortText, ['given_name', 'forename'], { personal: 'name' }),
      required('last_name', shortText, ['surname', 'family_name'], { personal: 'name' }),
      optional('email', email, ['email_address', 'mail'], { personal: 'email' }),
      optional('phone', text(64), ['phone_number', 'mobile', 'telephone'], { personal: 'phone' }),
      optional('signup_date', day, ['signed_up', 'registration_date', 'registered_at']),
    ],
    rules: [],
    table: 'ev_users',
    sample: 'ev.users.json',
  }),
  'ev.chargers': declareDataset({
    name: 'ev.chargers',
    event: 'tributary.ev.ChargerUpserted',
    schemaFile: 'ev/charger-upserted.avsc',
    ...ENTITY,
    key: 'charger_id',
    partitions: 3,
    producers: FROM_FILES_AND_OUTSIDE,
    identity: ['charger_id'],
    fields: [
      required('charger_id', identifier, ['id', 'station_id']),
      required('name', shortText, ['charger_name', 'station_name']),
      required('city', shortText),
      optional('address', text(1_024), ['street']),
      optional('latitude', number, ['lat'], { bounds: { min: -90, max: 90 } }),
      optional('longitude', number, ['lng', 'lon', 'long'], { bounds: { min: -180, max: 180 } }),
      optional('power_kw', number, ['power', 'max_power_kw', 'kw'], {
        expected: { min: 0, minExclusive: true },
      }),
      optional('connector_type', text(64), ['connector', 'plug_type']),
    ],
    rules: [],
    table: 'ev_chargers',
    sample: 'ev.chargers.ndjson',
  }),
  'ev.transactions': declareDataset({
    name: 'ev.transactions',
    event: 'tributary.ev.ChargingSessionRecorded',
    schemaFile: 'ev/charging-session-recorded.avsc',
    ...FACT,
    key: 'transaction_id',
    partitions: 3,
    producers: FROM_FILES_AND_OUTSIDE,
    identity: ['transaction_id'],
    occurredAt: 'start_time',
    fields: [
      required('transaction_id', identifier, ['id', 'session_id', 'tx_id']),
      required('user_id', identifier, ['user'], { references: 'ev.users' }),
      required('charger_id', identifier, ['charger', 'station_id'], { references: 'ev.chargers' }),
      required('start_time', timestamp, ['start', 'started_at']),
      optional('end_time', timestamp, ['end', 'ended_at']),
      required('energy_kwh', number, ['energy', 'kwh'], { expected: { min: 0 } }),
      optional('cost', money, ['price'], { expected: { min: 0 } }),
      optional('currency', currency, ['ccy']),
    ],
    rules: [
      { kind: 'required-with', field: 'currency', when: 'cost' },
      { kind: 'not-before', field: 'end_time', other: 'start_time' },
    ],
    table: 'ev_transactions',
    sample: 'ev.transactions.csv',
  }),
  'banking.clients': declareDataset({
    name: 'banking.clients',
    event: 'tributary.banking.ClientUpserted',
    schemaFile: 'banking/client-upserted.avsc',
    ...ENTITY,
    key: 'client_id',
    partitions: 3,
    producers: FROM_FILES,
    identity: ['client_id'],
    fields: [
      required('client_id', identifier, ['id', 'customer_id']),
      required('name', shortText, ['client_name', 'full_name'], { personal: 'name' }),
      optional('email', email, ['email_address', 'mail'], { personal: 'email' }),
      optional('country', text(64), ['country_code']),
      optional('created_at', timestamp, ['opened_at', 'client_since']),
    ],
    rules: [],
    table: 'banking_clients',
    sample: 'banking.clients.csv',
  }),
  'banking.transactions': declareDataset({
    name: 'banking.transactions',
    event: 'tributary.banking.TransactionRecorded',
    schemaFile: 'banking/transaction-recorded.avsc',
    ...FACT,
    // By client, not by transaction: a client's transactions stay in order.
    key: 'client_id',
    partitions: 3,
    producers: FROM_FILES,
    identity: ['transaction_id'],
    occurredAt: 'transaction_date',
    fields: [
      required('transaction_id', identifier, ['id', 'txn_id']),
      required('client_id', identifier, ['customer_id'], { references: 'banking.clients' }),
      required('transaction_type', { kind: 'one-of', values: TRANSACTION_TYPES }, [
        'type',
        'txn_type',
      ]),
      required('transaction_date', timestamp, ['date', 'booking_date', 'booked_at']),
      // The direction is transaction_type's (withdrawal, fee…): the amount is a magnitude.
      required('amount', money, ['value'], { expected: { min: 0 } }),
      required('currency', currency, ['ccy']),
    ],
    rules: [],
    table: 'banking_transactions',
    sample: 'banking.transactions.xlsx',
  }),
  'telemetry.readings': declareDataset({
    name: 'telemetry.readings',
    event: 'tributary.telemetry.SensorReadingRecorded',
    schemaFile: 'telemetry/sensor-reading-recorded.avsc',
    ...FACT,
    key: 'sensor_id',
    partitions: 6,
    producers: ['sensor-ingest', 'file-ingest', 'external producers'],
    identity: ['sensor_id', 'timestamp'],
    occurredAt: 'timestamp',
    fields: [
      required('sensor_id', { kind: 'sensor-id' }, ['sensor', 'device_id']),
      required('timestamp', timestamp, ['time', 'ts', 'datetime', 'recorded_at'], {
        stored: { column: 'ts', as: 'reading-time' },
      }),
      // Degrees Celsius: nothing is colder than absolute zero.
      optional('temperature', number, ['temp', 'temperature_c'], {
        bounds: { min: -273.15, max: 1e6 },
      }),
      // Hectopascals.
      optional('pressure', number, ['pressure_hpa'], { bounds: { min: 0, max: 1e7 } }),
      // Relative humidity, percent.
      optional('humidity', number, ['humidity_pct', 'rh'], { bounds: { min: 0, max: 100 } }),
    ],
    rules: [{ kind: 'any-of', fields: ['temperature', 'pressure', 'humidity'] }],
    table: 'telemetry_readings',
    sample: 'telemetry.readings.ndjson.gz',
    // A file's reading is a first version, identified like its event.
    // A file's reading has no client id of its own: its id is the row's event id.
    eventFields: (metadata) => ({
      reading_id: metadata.event_id,
      metrics: {},
      version: 1,
      client_id: null,
    }),
  }),
  'energy.usage': declareDataset({
    name: 'energy.usage',
    event: 'tributary.energy.UsageRecorded',
    schemaFile: 'energy/usage-recorded.avsc',
    ...FACT,
    key: 'user_id',
    partitions: 3,
    producers: FROM_FILES_AND_OUTSIDE,
    identity: ['user_id', 'date'],
    occurredAt: 'date',
    fields: [
      required('user_id', identifier, ['user', 'customer_id']),
      required('date', day, ['day', 'usage_date']),
      required('usage_kwh', number, ['usage', 'kwh', 'consumption', 'consumption_kwh'], {
        expected: { min: 0 },
      }),
    ],
    rules: [],
    table: 'energy_usage',
    sample: 'energy.usage.csv',
  }),
  'retail.products': declareDataset({
    name: 'retail.products',
    event: 'tributary.retail.ProductUpserted',
    schemaFile: 'retail/product-upserted.avsc',
    ...ENTITY,
    key: 'product_id',
    partitions: 3,
    producers: FROM_FILES,
    identity: ['product_id'],
    fields: [
      required('product_id', identifier, ['id', 'sku']),
      required('name', shortText, ['product_name', 'title']),
      required('category', shortText, ['category_name']),
      optional('price', money, ['unit_price', 'list_price'], { expected: { min: 0 } }),
    ],
    rules: [],
    table: 'retail_products',
    sample: 'retail.products.json',
  }),
  'retail.sales': declareDataset({
    name: 'retail.sales',
    event: 'tributary.retail.SaleRecorded',
    schemaFile: 'retail/sale-recorded.avsc',
    ...FACT,
    key: 'sale_id',
    partitions: 3,
    producers: FROM_FILES,
    identity: ['sale_id'],
    occurredAt: 'sale_date',
    fields: [
      required('sale_id', identifier, ['id']),
      required('product_id', identifier, ['sku', 'product'], { references: 'retail.products' }),
      required('quantity', integer, ['qty', 'units'], { expected: { min: 0, minExclusive: true } }),
      required('amount', money, ['total', 'sale_amount'], { expected: { min: 0 } }),
      required('sale_date', day, ['date', 'sold_on']),
    ],
    rules: [],
    table: 'retail_sales',
    sample: 'retail.sales.csv.gz',
  }),
} as const satisfies { readonly [N in string]: DatasetDeclaration<N> };

export type DatasetName = keyof typeof DATASET_DECLARATIONS;

/** The dataset names, in the order the API and the docs list them. */
export const DATASETS = Object.keys(DATASET_DECLARATIONS) as DatasetName[];

export const isDataset = (name: string): name is DatasetName =>
  Object.prototype.hasOwnProperty.call(DATASET_DECLARATIONS, name);

/** Each dataset's table, by name: the analytics read models take their dataset tables from here. */
export type DatasetTables = {
  readonly [N in DatasetName]: (typeof DATASET_DECLARATIONS)[N]['table'];
};
export const DATASET_TABLES = Object.fromEntries(
  DATASETS.map((name) => [name, DATASET_DECLARATIONS[name].table]),
) as DatasetTables;
