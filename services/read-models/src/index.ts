export { ANALYTICS_MIGRATIONS, type AnalyticsMigrations } from './analytics';
export { analyticsDatasetsGroupId, analyticsProjectionGroups } from './analytics/projection-groups';
export { ANALYTICS_TABLES, type AnalyticsTable, type AnalyticsTopic } from './analytics/tables';
export { DIRECTORY_MIGRATIONS, DIRECTORY_SCHEMA } from './directory';
export {
  INGEST_JOB_COLUMNS,
  type IngestJobRow,
  type IngestRejectionRow,
} from './directory/ingest-jobs';
export {
  datasetTableColumns,
  PROVENANCE_COLUMNS,
  VERSION_COLUMNS,
  type TableColumn,
} from './analytics/dataset-tables';
export {
  bankingDailyRecomputation,
  bankingMonthlyRecomputation,
} from './analytics/banking-rollups';
export {
  ROLLUP_FIGURES,
  ROLLUP_METRICS,
  rollupBucket,
  rollupColumns,
  type RollupInterval,
} from './analytics/telemetry-rollups';
export {
  ANALYTICS_TABLE_COLUMNS,
  ENERGY_ALERTS_COLUMNS,
  INGEST_REJECTIONS_COLUMNS,
  TELEMETRY_MINUTES_COLUMNS,
  TELEMETRY_READINGS_COLUMNS,
} from './analytics/table-columns';
