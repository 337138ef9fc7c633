/**
 * The routes the query benchmark measures, each with realistic filters over the data of
 * `data.ts` (ids `sensor-00042`, `u-00042`, `ch-00007`, `c-00042`, `p-00042`; facts from
 * 2026-10-01 over 90 days; readings every 10 minutes from 2026-10-01, so the first day holds
 * data at every size). To measure another route,
 * add a line: a route answering 404 (not built) or 400 (other parameters) is reported and skipped.
 */
export interface BenchRoute {
  /** The route as the API documents it. */
  route: string;
  /** What this line asks, for the table. */
  what: string;
  /** The request: path and query string. */
  path: string;
}

export const ROUTES: readonly BenchRoute[] = [
  {
    route: '/v1/sensors/readings',
    what: 'fleet, 1 h window',
    path: '/v1/sensors/readings?from=2026-10-01T10:00:00Z&to=2026-10-01T11:00:00Z&limit=100',
  },
  {
    route: '/v1/sensors/readings',
    what: 'fleet, 1 h, temperature ≥ 30',
    path: '/v1/sensors/readings?from=2026-10-01T10:00:00Z&to=2026-10-01T11:00:00Z&min_temperature=30&limit=100',
  },
  {
    route: '/v1/sensors/readings',
    what: 'one sensor, 1 day',
    path: '/v1/sensors/readings?sensor_id=sensor-00042&from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z&limit=100',
  },
  {
    route: '/v1/sensors/{id}/readings',
    what: 'one sensor, 1 day',
    path: '/v1/sensors/sensor-00042/readings?from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z&limit=100',
  },
  {
    route: '/v1/sensors/{id}/readings',
    what: 'one sensor, first page',
    path: '/v1/sensors/sensor-04242/readings?limit=100',
  },
  {
    route: '/v1/sensors/aggregates',
    what: 'hour, one sensor, 2 days',
    path: '/v1/sensors/aggregates?interval=hour&sensor_id=sensor-00042&from=2026-10-01T00:00:00Z&to=2026-10-03T00:00:00Z',
  },
  {
    route: '/v1/sensors/aggregates',
    what: 'hour, fleet, 1 h',
    path: '/v1/sensors/aggregates?interval=hour&from=2026-10-01T10:00:00Z&to=2026-10-01T11:00:00Z&limit=100',
  },
  {
    route: '/v1/sensors/aggregates',
    what: 'day, fleet, 1 day',
    path: '/v1/sensors/aggregates?interval=day&from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z&limit=100',
  },
  {
    route: '/v1/energy/alerts',
    what: 'one user',
    path: '/v1/energy/alerts?user_id=u-00042',
  },
  {
    route: '/v1/energy/alerts',
    what: 'one week, all users',
    path: '/v1/energy/alerts?from=2026-11-01&to=2026-11-08&limit=100',
  },
  {
    route: '/v1/energy/usage',
    what: 'one user, one month',
    path: '/v1/energy/usage?user_id=u-00042&from=2026-11-01&to=2026-12-01',
  },
  {
    route: '/v1/energy/usage',
    what: 'one user, by month, 100 days',
    path: '/v1/energy/usage?user_id=u-00042&granularity=month',
  },
  {
    route: '/v1/ev/transactions',
    what: 'one charger, one month',
    path: '/v1/ev/transactions?charger_id=ch-00007&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&limit=100',
  },
  {
    route: '/v1/ev/transactions',
    what: 'one user',
    path: '/v1/ev/transactions?user_id=u-00042&limit=100',
  },
  {
    route: '/v1/ev/transactions',
    what: 'one city, one week',
    path: '/v1/ev/transactions?city=Lyon&from=2026-11-01T00:00:00Z&to=2026-11-08T00:00:00Z&limit=100',
  },
  {
    route: '/v1/ev/chargers/{id}/usage-analytics',
    what: 'one charger, 90 days',
    path: '/v1/ev/chargers/ch-00007/usage-analytics?from=2026-10-01T00:00:00Z&to=2026-12-30T00:00:00Z',
  },
  {
    route: '/v1/banking/clients/{id}/transactions',
    what: 'one client, 90 days',
    path: '/v1/banking/clients/c-00042/transactions?start_date=2026-10-01&end_date=2026-12-29&limit=100',
  },
  {
    route: '/v1/banking/clients/{id}/transactions',
    what: 'one client, deposits, 90 days',
    path: '/v1/banking/clients/c-00042/transactions?start_date=2026-10-01&end_date=2026-12-29&type=deposit',
  },
  {
    route: '/v1/retail/sales',
    what: 'one day',
    path: '/v1/retail/sales?from=2026-11-01&to=2026-11-02&limit=100',
  },
  {
    route: '/v1/retail/sales/daily-count',
    what: '90 days',
    path: '/v1/retail/sales/daily-count?from=2026-10-01&to=2026-12-30',
  },
  {
    route: '/v1/retail/sales/product-daily-count',
    what: 'one product, 90 days',
    path: '/v1/retail/sales/product-daily-count?product_id=p-00042&from=2026-10-01&to=2026-12-30',
  },
  {
    route: '/v1/retail/sales/category-sales',
    what: '90 days',
    path: '/v1/retail/sales/category-sales?from=2026-10-01&to=2026-12-30',
  },
  {
    route: '/v1/quality/{dataset}',
    what: 'ev.transactions',
    path: '/v1/quality/ev.transactions',
  },
  {
    route: '/v1/quality/{dataset}',
    what: 'telemetry.readings',
    path: '/v1/quality/telemetry.readings',
  },
];
