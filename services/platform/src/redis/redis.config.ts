import { z } from 'zod';
import { env } from '../config/config';

export const redisConfigSchema = z.object({
  /** redis://[user:password@]host:port[/db] */
  REDIS_URL: env.url(['redis', 'rediss']),
});

export type RedisConfig = z.output<typeof redisConfigSchema>;
