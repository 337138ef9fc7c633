import { DATASET_TABLES } from '@tributary/contracts';

/**
 * The ClickHouse table each topic's events are projected into, one per topic: analytics-projector
 * writes it, the gateway reads it (the quality report by this map). A dataset's table is named by
 * its declaration; the others here. A unit test holds every name to a `CREATE TABLE` of the
 * migrations. Rollups (hourly, daily, monthly) are the projector's own tables of these and are
 * not listed.
 */
export const ANALYTICS_TABLES = {
  ...DATASET_TABLES,
  'energy.alerts': 'energy_alerts',
  'ingest.rejections': 'ingest_rejections',
} as const;

export type AnalyticsTopic = keyof typeof ANALYTICS_TABLES;
export type AnalyticsTable = (typeof ANALYTICS_TABLES)[AnalyticsTopic];
