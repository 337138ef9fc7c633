import { join } from 'node:path';

/**
 * The ClickHouse migration folders of the analytics tables: analytics-projector applies them (it
 * owns the tables and writes them), the gateway's store tests apply the same files to databases
 * of their own and read through them, so a renamed column fails the reader's tests too. SQL files,
 * read at run time (`readClickHouseMigrations`); the production build copies them beside the code.
 */
export const ANALYTICS_MIGRATIONS = {
  /** `telemetry_readings` and its hourly and daily rollups. */
  telemetry: join(__dirname, 'telemetry'),
  /** EV, banking, energy, retail and rejected rows, with the banking rollups. */
  datasets: join(__dirname, 'datasets'),
} as const;

export type AnalyticsMigrations = keyof typeof ANALYTICS_MIGRATIONS;
