/**
 * The ClickHouse table each topic's events are projected into, one per topic: analytics-projector
 * writes it, the gateway reads it (the quality report by this map). A unit test holds every name
 * to a `CREATE TABLE` of the migrations. Rollups (hourly, daily, monthly) are the projector's own
 * tables of these and are not listed.
 */
export const ANALYTICS_TABLES = {
  'telemetry.readings': 'telemetry_readings',
  'ev.users': 'ev_users',
  'ev.chargers': 'ev_chargers',
  'ev.transactions': 'ev_transactions',
  'banking.clients': 'banking_clients',
  'banking.transactions': 'banking_transactions',
  'energy.usage': 'energy_usage',
  'energy.alerts': 'energy_alerts',
  'retail.products': 'retail_products',
  'retail.sales': 'retail_sales',
  'ingest.rejections': 'ingest_rejections',
} as const;

export type AnalyticsTopic = keyof typeof ANALYTICS_TABLES;
export type AnalyticsTable = (typeof ANALYTICS_TABLES)[AnalyticsTopic];
