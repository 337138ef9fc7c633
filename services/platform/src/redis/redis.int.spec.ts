import { stackConfig, uniqueName } from '@tributary/testing';
import { createRedis } from './redis-client.factory';
import { redisConfigSchema } from './redis.config';

const config = stackConfig(redisConfigSchema);

describe('Redis', () => {
  it('counts atomically across two clients, as a shared rate limit needs', async () => {
    const [a, b] = [createRedis(config), createRedis(config)];
    const key = uniqueName('test:counter');
    try {
      await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? a : b).incr(key)));
      expect(await a.get(key)).toBe('50');
      await a.pexpire(key, 60_000);
      expect(await b.pttl(key)).toBeGreaterThan(59_000);
    } finally {
      await a.del(key);
      a.disconnect();
      b.disconnect();
    }
  });
});
