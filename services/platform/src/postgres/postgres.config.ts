import { z } from 'zod';
import { env } from '../config/config';

export const postgresConfigSchema = z.object({
  /** postgresql://user:password@host:port/database */
  DATABASE_URL: env.url(['postgres', 'postgresql']),
});

export type PostgresConfig = z.output<typeof postgresConfigSchema>;
