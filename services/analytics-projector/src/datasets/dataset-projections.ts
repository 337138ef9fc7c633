import { type DatasetName, type TopicEvents } from '@tributary/contracts';
import { ANALYTICS_TABLES, type AnalyticsTopic } from '@tributary/read-models';
import { bankingClientRow, bankingTransactionRow } from './banking.projection';
import { energyAlertRow, energyUsageRow } from './energy.projection';
import { evChargerRow, evTransactionRow, evUserRow } from './ev.projection';
import { ingestRejectionRow } from './ingest.projection';
import { retailProductRow, retailSaleRow } from './retail.projection';

/**
 * The catalog topics this projection consumes, each into one table (the read models' map): every
 * dataset but the readings, which the telemetry projection owns, plus energy alerts and rejections.
 */
export type DatasetTopic =
  | Exclude<DatasetName, 'telemetry.readings'>
  | Extract<AnalyticsTopic, 'energy.alerts' | 'ingest.rejections'>;

export type DatasetTable = (typeof ANALYTICS_TABLES)[DatasetTopic];

/** A row as JSONEachRow sends it (one of the `*Row` interfaces of this folder). */
export type DatasetRow = object;

/** Rows to insert, per table. */
export type TableRows = Map<DatasetTable, DatasetRow[]>;

export interface DatasetProjection<T extends DatasetTopic> {
  readonly table: DatasetTable;
  /** The event's row; throws UnprojectableValueError when a value does not fit its column. */
  readonly row: (event: TopicEvents[T]) => DatasetRow;
}

/** Each topic's projection: a dataset added to the contracts is one more entry here. */
export const DATASET_PROJECTIONS: { readonly [T in DatasetTopic]: DatasetProjection<T> } = {
  'ev.users': { table: ANALYTICS_TABLES['ev.users'], row: evUserRow },
  'ev.chargers': { table: ANALYTICS_TABLES['ev.chargers'], row: evChargerRow },
  'ev.transactions': { table: ANALYTICS_TABLES['ev.transactions'], row: evTransactionRow },
  'banking.clients': { table: ANALYTICS_TABLES['banking.clients'], row: bankingClientRow },
  'banking.transactions': {
    table: ANALYTICS_TABLES['banking.transactions'],
    row: bankingTransactionRow,
  },
  'energy.usage': { table: ANALYTICS_TABLES['energy.usage'], row: energyUsageRow },
  'energy.alerts': { table: ANALYTICS_TABLES['energy.alerts'], row: energyAlertRow },
  'retail.products': { table: ANALYTICS_TABLES['retail.products'], row: retailProductRow },
  'retail.sales': { table: ANALYTICS_TABLES['retail.sales'], row: retailSaleRow },
  'ingest.rejections': { table: ANALYTICS_TABLES['ingest.rejections'], row: ingestRejectionRow },
};

export const DATASET_TOPICS = Object.keys(DATASET_PROJECTIONS) as DatasetTopic[];

/** The tables it writes: the whitelist every insert's table name comes from. */
export const PROJECTED_TABLES = DATASET_TOPICS.map((topic) => ANALYTICS_TABLES[topic]);

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
