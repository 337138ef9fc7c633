import { DATASETS, type DatasetName } from './datasets';
import { MEASUREMENT_BOUNDS } from './readings';

/**
 * The columns each dataset's files may carry (design.md, "Datasets"): the canonical name, the
 * aliases accepted for it, and whether a row needs it. file-ingest parses files by this table and
 * recognises a file's dataset with `recognizeDataset`; the web console proposes a dataset from a
 * file's header with the same function, so the two cannot disagree. Plain data, no Node API: the
 * console bundles this module for the browser.
 */
export interface DatasetColumn {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
  /**
   * The physical bounds of a numeric column (inclusive): a value outside them is refused on the way
   * in, and the quality report counts rows outside them.
   */
  readonly bounds?: { readonly min: number; readonly max: number };
}

const bounded = (
  column: DatasetColumn,
  bounds: { readonly min: number; readonly max: number },
): DatasetColumn => ({ ...column, bounds });

const req = (name: string, ...aliases: string[]): DatasetColumn => ({
  name,
  aliases,
  required: true,
});
const opt = (name: string, ...aliases: string[]): DatasetColumn => ({
  name,
  aliases,
  required: false,
});

export const DATASET_COLUMNS: { readonly [D in DatasetName]: readonly DatasetColumn[] } = {
  'ev.users': [
    req('user_id', 'id', 'uid'),
    req('first_name', 'given_name', 'forename'),
    req('last_name', 'surname', 'family_name'),
    opt('email', 'email_address', 'mail'),
    opt('phone', 'phone_number', 'mobile', 'telephone'),
    opt('signup_date', 'signed_up', 'registration_date', 'registered_at'),
  ],
  'ev.chargers': [
    req('charger_id', 'id', 'station_id'),
    req('name', 'charger_name', 'station_name'),
    req('city'),
    opt('address', 'street'),
    bounded(opt('latitude', 'lat'), { min: -90, max: 90 }),
    bounded(opt('longitude', 'lng', 'lon', 'long'), { min: -180, max: 180 }),
    opt('power_kw', 'power', 'max_power_kw', 'kw'),
    opt('connector_type', 'connector', 'plug_type'),
  ],
  'ev.transactions': [
    req('transaction_id', 'id', 'session_id', 'tx_id'),
    req('user_id', 'user'),
    req('charger_id', 'charger', 'station_id'),
    req('start_time', 'start', 'started_at'),
    opt('end_time', 'end', 'ended_at'),
    req('energy_kwh', 'energy', 'kwh'),
    opt('cost', 'price'),
    opt('currency', 'ccy'),
  ],
  'banking.clients': [
    req('client_id', 'id', 'customer_id'),
    req('name', 'client_name', 'full_name'),
    opt('email', 'email_address', 'mail'),
    opt('country', 'country_code'),
    opt('created_at', 'opened_at', 'client_since'),
  ],
  'banking.transactions': [
    req('transaction_id', 'id', 'txn_id'),
    req('client_id', 'customer_id'),
    req('transaction_type', 'type', 'txn_type'),
    req('transaction_date', 'date', 'booking_date', 'booked_at'),
    req('amount', 'value'),
    req('currency', 'ccy'),
  ],
  'telemetry.readings': [
    req('sensor_id', 'sensor', 'device_id'),
    req('timestamp', 'time', 'ts', 'datetime', 'recorded_at'),
    bounded(opt('temperature', 'temp', 'temperature_c'), MEASUREMENT_BOUNDS.temperature),
    bounded(opt('pressure', 'pressure_hpa'), MEASUREMENT_BOUNDS.pressure),
    bounded(opt('humidity', 'humidity_pct', 'rh'), MEASUREMENT_BOUNDS.humidity),
  ],
  'energy.usage': [
    req('user_id', 'user', 'customer_id'),
    req('date', 'day', 'usage_date'),
    req('usage_kwh', 'usage', 'kwh', 'consumption', 'consumption_kwh'),
  ],
  'retail.products': [
    req('product_id', 'id', 'sku'),
    req('name', 'product_name', 'title'),
    req('category', 'category_name'),
    opt('price', 'unit_price', 'list_price'),
  ],
  'retail.sales': [
    req('sale_id', 'id'),
    req('product_id', 'sku', 'product'),
    req('quantity', 'qty', 'units'),
    req('amount', 'total', 'sale_amount'),
    req('sale_date', 'date', 'sold_on'),
  ],
};

/**
 * How a column name is compared: case, spaces, `_` and `-` do not matter, so `userId`, `User ID`
 * and `user_id` are the same column.
 */
export const columnKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Column key → the canonical column it names, per dataset (aliases included). */
export function columnsByKey(dataset: DatasetName): Map<string, DatasetColumn> {
  const byKey = new Map<string, DatasetColumn>();
  for (const column of DATASET_COLUMNS[dataset])
    for (const name of [column.name, ...column.aliases]) byKey.set(columnKey(name), column);
  return byKey;
}

export type Recognition =
  | { readonly ok: true; readonly dataset: DatasetName }
  | { readonly ok: false; readonly reason: string };

/**
 * Recognises a dataset from a file's column names: the datasets whose required columns are all
 * present, ranked by how many of the columns they know. Refuses to guess between equals.
 */
export function recognizeDataset(columns: readonly string[]): Recognition {
  const keys = new Set(columns.map(columnKey));
  const candidates = DATASETS.map((name) => {
    const byKey = columnsByKey(name);
    const known = new Set([...keys].flatMap((k) => byKey.get(k)?.name ?? []));
    const complete = DATASET_COLUMNS[name].every((c) => !c.required || known.has(c.name));
    return { name, complete, known: known.size };
  })
    .filter((c) => c.complete)
    .sort((a, b) => b.known - a.known);
  const [best, second] = candidates;
  if (!best)
    return {
      ok: false,
      reason: `cannot tell the dataset from the columns ${columns.map((c) => JSON.stringify(c)).join(', ')}: name it with the file`,
    };
  if (second && second.known === best.known)
    return {
      ok: false,
      reason: `the columns fit both ${best.name} and ${second.name}: name the dataset with the file`,
    };
  return { ok: true, dataset: best.name };
}
