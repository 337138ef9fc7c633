import { type TopicEvents } from '@tributary/contracts';
import { bankingClientRow, bankingTransactionRow } from './banking.projection';
import { energyAlertRow, energyUsageRow } from './energy.projection';
import { evChargerRow, evTransactionRow, evUserRow } from './ev.projection';
import { ingestRejectionRow } from './ingest.projection';
import { retailProductRow, retailSaleRow } from './retail.projection';

/** The catalog topics this projection consumes, each into one table. */
export const DATASET_TOPICS = [
  'ev.users',
  'ev.chargers',
  'ev.transactions',
  'banking.clients',
  'banking.transactions',
  'energy.usage',
  'energy.alerts',
  'retail.products',
  'retail.sales',
  'ingest.rejections',
] as const;

export type DatasetTopic = (typeof DATASET_TOPICS)[number];

/** The tables it writes: the whitelist every insert's table name comes from. */
export const DATASET_TABLES = [
  'ev_users',
  'ev_chargers',
  'ev_transactions',
  'banking_clients',
  'banking_transactions',
  'energy_usage',
  'energy_alerts',
  'retail_products',
  'retail_sales',
  'ingest_rejections',
] as const;

export type DatasetTable = (typeof DATASET_TABLES)[number];

/** A row as JSONEachRow sends it (one of the `*Row` interfaces of this folder). */
export type DatasetRow = object;

/** Rows to insert, per table. */
export type TableRows = Map<DatasetTable, DatasetRow[]>;

export interface DatasetProjection<T extends DatasetTopic> {
  readonly table: DatasetTable;
  /** The event's row; throws UnprojectableValueError when a value does not fit its column. */
  readonly row: (event: TopicEvents[T]) => DatasetRow;
}

export const DATASET_PROJECTIONS: { readonly [T in DatasetTopic]: DatasetProjection<T> } = {
  'ev.users': { table: 'ev_users', row: evUserRow },
  'ev.chargers': { table: 'ev_chargers', row: evChargerRow },
  'ev.transactions': { table: 'ev_transactions', row: evTransactionRow },
  'banking.clients': { table: 'banking_clients', row: bankingClientRow },
  'banking.transactions': { table: 'banking_transactions', row: bankingTransactionRow },
  'energy.usage': { table: 'energy_usage', row: energyUsageRow },
  'energy.alerts': { table: 'energy_alerts', row: energyAlertRow },
  'retail.products': { table: 'retail_products', row: retailProductRow },
  'retail.sales': { table: 'retail_sales', row: retailSaleRow },
  'ingest.rejections': { table: 'ingest_rejections', row: ingestRejectionRow },
};

/** Adds `rows` of `table` to `into`, after what it holds; returns `into`. */
export function appendRows(into: TableRows, table: DatasetTable, rows: readonly DatasetRow[]) {
  if (rows.length === 0) return into;
  const held = into.get(table);
  if (held) held.push(...rows);
  else into.set(table, [...rows]);
  return into;
}

export function countRows(rows: TableRows): number {
  let n = 0;
  for (const list of rows.values()) n += list.length;
  return n;
}
