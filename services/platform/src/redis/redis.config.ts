import { z } from 'zod';
import { env } from '../config/config';

export const redisConfigSchema = z.object({
  REDIS_URL: env.secretUrl(['redis', 'rediss']).describe('redis://[user:password@]host:port[/db]'),
});

export type RedisConfig = z.output<typeof redisConfigSchema>;
