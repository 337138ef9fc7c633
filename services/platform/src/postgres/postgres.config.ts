import { z } from 'zod';
import { env } from '../config/config';

export const postgresConfigSchema = z.object({
  DATABASE_URL: env
    .secretUrl(['postgres', 'postgresql'])
    .describe('postgresql://user:password@host:port/database'),
});

export type PostgresConfig = z.output<typeof postgresConfigSchema>;
