import { Redis } from 'ioredis';
import { type RedisConfig } from './redis.config';

/**
 * A Redis client that fails a command after a bounded wait instead of queueing it forever while
 * Redis is down, so a throttled request gets an error rather than hanging.
 */
export function createRedis(config: RedisConfig): Redis {
  return new Redis(config.REDIS_URL, {
    maxRetriesPerRequest: 2,
    connectTimeout: 5_000,
    enableOfflineQueue: true,
  });
}
