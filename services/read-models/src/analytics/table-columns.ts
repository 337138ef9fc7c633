import { DATASET_DECLARATIONS, DATASETS, type DatasetName } from '@tributary/contracts';
import { datasetTableColumns, type TableColumn } from './dataset-tables';
import { ANALYTICS_TABLES, type AnalyticsTable } from './tables';

/**
 * The columns of the analytics tables whose migrations are written by hand, in their order, typed
 * as `system.columns` names them: what a binary insert (RowBinary) writes, column by column, so
 * each list is held to its table by a test against ClickHouse (table-columns.int.spec.ts).
 */

/** telemetry/0001_telemetry_readings.sql, then 0003_telemetry_client_id.sql */
export const TELEMETRY_READINGS_COLUMNS: readonly TableColumn[] = [
  { name: 'sensor_id', type: 'String' },
  { name: 'ts', type: "DateTime('UTC')" },
  { name: 'ts_ms', type: 'UInt16' },
  { name: 'reading_id', type: 'String' },
  { name: 'version', type: 'UInt64' },
  { name: 'temperature', type: 'Nullable(Float64)' },
  { name: 'pressure', type: 'Nullable(Float64)' },
  { name: 'humidity', type: 'Nullable(Float64)' },
  { name: 'metric_names', type: 'Array(String)' },
  { name: 'metric_values', type: 'Array(Float64)' },
  { name: 'event_id', type: 'String' },
  { name: 'source_kind', type: 'String' },
  { name: 'ingested_at', type: "DateTime('UTC')" },
  { name: 'client_id', type: 'Nullable(String)' },
];

/** telemetry/0002_telemetry_minutes.sql: the minutes analytics-projector computes from a batch. */
export const TELEMETRY_MINUTES_COLUMNS: readonly TableColumn[] = [
  { name: 'sensor_id', type: 'String' },
  { name: 'minute', type: "DateTime('UTC')" },
  { name: 'reading_count', type: 'UInt64' },
  { name: 'temperature_values', type: 'Array(Float64)' },
  { name: 'pressure_values', type: 'Array(Float64)' },
  { name: 'humidity_values', type: 'Array(Float64)' },
  { name: 'computed_version', type: 'UInt64' },
];

/** datasets/1003_energy.sql */
export const ENERGY_ALERTS_COLUMNS: readonly TableColumn[] = [
  { name: 'event_id', type: 'String' },
  { name: 'user_id', type: 'String' },
  { name: 'date', type: 'Date' },
  { name: 'usage_kwh', type: 'Float64' },
  { name: 'threshold_kwh', type: 'Float64' },
  { name: 'usage_event_id', type: 'String' },
  { name: 'job_id', type: 'String' },
  { name: 'raised_at', type: "DateTime('UTC')" },
];

/** datasets/1005_ingest_rejections.sql */
export const INGEST_REJECTIONS_COLUMNS: readonly TableColumn[] = [
  { name: 'event_id', type: 'String' },
  { name: 'job_id', type: 'String' },
  { name: 'dataset', type: 'String' },
  { name: 'object_key', type: 'String' },
  { name: 'row_number', type: 'UInt64' },
  { name: 'reasons', type: 'Array(String)' },
  { name: 'raw', type: 'String' },
  { name: 'rejected_at', type: "DateTime('UTC')" },
];

const declaredColumns = (name: DatasetName): readonly TableColumn[] =>
  name === 'telemetry.readings'
    ? TELEMETRY_READINGS_COLUMNS
    : datasetTableColumns(DATASET_DECLARATIONS[name]);

/**
 * Every analytics table's columns, by table: a dataset's from its declaration (telemetry's
 * readings have their own table), energy alerts' and rejections' from the lists above. Each
 * list is made once, so a binary encoder can be kept per list.
 */
export const ANALYTICS_TABLE_COLUMNS = Object.fromEntries([
  ...DATASETS.map((name) => [ANALYTICS_TABLES[name], declaredColumns(name)] as const),
  [ANALYTICS_TABLES['energy.alerts'], ENERGY_ALERTS_COLUMNS],
  [ANALYTICS_TABLES['ingest.rejections'], INGEST_REJECTIONS_COLUMNS],
]) as { readonly [T in AnalyticsTable]: readonly TableColumn[] };
