import { z } from 'zod';
import { env } from '../config/config';

export const clickHouseConfigSchema = z.object({
  CLICKHOUSE_URL: env
    .url(['http', 'https'])
    .describe("ClickHouse's HTTP interface, e.g. http://127.0.0.1:18123."),
  CLICKHOUSE_USER: env.string().describe('ClickHouse user.'),
  CLICKHOUSE_PASSWORD: env
    .secret(0)
    .describe('Password of CLICKHOUSE_USER (may be empty in development).'),
  CLICKHOUSE_DATABASE: env.string().describe('The database of the projections; it must exist.'),
});

export type ClickHouseConfig = z.output<typeof clickHouseConfigSchema>;
