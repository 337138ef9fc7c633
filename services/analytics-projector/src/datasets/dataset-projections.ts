import {
  BATCHED_TOPICS,
  batchTopicOf,
  DATASET_DECLARATIONS,
  type DatasetName,
  type Topic,
  type TopicEvents,
} from '@tributary/contracts';
import { ANALYTICS_TABLES, type AnalyticsTopic } from '@tributary/read-models';
import { declaredRow } from './declared-projection';
import { energyAlertRow } from './energy.projection';
import { ingestRejectionRow } from './ingest.projection';

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

/** A dataset's projection, derived from its declaration: its table, a column per field. */
const declared = <T extends Exclude<DatasetName, 'telemetry.readings'>>(
  topic: T,
): DatasetProjection<T> => ({
  table: ANALYTICS_TABLES[topic],
  row: declaredRow<TopicEvents[T]>(DATASET_DECLARATIONS[topic]),
});

/**
 * Each topic's projection: a dataset's is derived from its declaration (adding one is its
 * declaration, its table's migration and a line here); energy alerts and rejections are written
 * by hand.
 */
export const DATASET_PROJECTIONS: { readonly [T in DatasetTopic]: DatasetProjection<T> } = {
  'ev.users': declared('ev.users'),
  'ev.chargers': declared('ev.chargers'),
  'ev.transactions': declared('ev.transactions'),
  'banking.clients': declared('banking.clients'),
  'banking.transactions': declared('banking.transactions'),
  'energy.usage': declared('energy.usage'),
  'energy.alerts': { table: ANALYTICS_TABLES['energy.alerts'], row: energyAlertRow },
  'retail.products': declared('retail.products'),
  'retail.sales': declared('retail.sales'),
  'ingest.rejections': { table: ANALYTICS_TABLES['ingest.rejections'], row: ingestRejectionRow },
};

export const DATASET_TOPICS = Object.keys(DATASET_PROJECTIONS) as DatasetTopic[];

/**
 * The batch twins of the topics it consumes (contracts' batches.ts), consumed the same way: each
 * batch decoded once, its items projected like the per-event topic's events.
 */
export type DatasetBatchTopic = Extract<Topic, `${DatasetTopic}-batches`>;
export const DATASET_BATCH_TOPICS = DATASET_TOPICS.filter((topic) =>
  BATCHED_TOPICS.includes(topic),
).map(batchTopicOf) as DatasetBatchTopic[];

/** Every topic the dataset projection consumes. */
export type ConsumedDatasetTopic = DatasetTopic | DatasetBatchTopic;
export const CONSUMED_DATASET_TOPICS: readonly ConsumedDatasetTopic[] = [
  ...DATASET_TOPICS,
  ...DATASET_BATCH_TOPICS,
];

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
