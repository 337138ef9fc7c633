import { z } from 'zod';
import { env } from '../config/config';

export const clickHouseConfigSchema = z.object({
  /** HTTP interface, e.g. http://127.0.0.1:18123. */
  CLICKHOUSE_URL: env.url(['http', 'https']),
  CLICKHOUSE_USER: env.string(),
  CLICKHOUSE_PASSWORD: z.string(),
  CLICKHOUSE_DATABASE: env.string(),
});

export type ClickHouseConfig = z.output<typeof clickHouseConfigSchema>;
