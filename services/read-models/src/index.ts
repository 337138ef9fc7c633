export { ANALYTICS_MIGRATIONS, type AnalyticsMigrations } from './analytics';
export { DIRECTORY_MIGRATIONS, DIRECTORY_SCHEMA } from './directory';
