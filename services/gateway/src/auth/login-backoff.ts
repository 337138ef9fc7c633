import { type Redis } from 'ioredis';

/**
 * Failed sign-ins per account and per client address. After `freeFailures` failures in a row a
 * key is locked for a time that doubles with each further failure (1 s, 2 s, 4 s … up to
 * `maxLockMs`); while either the account or the address is locked, every attempt is answered 429
 * without checking the password, the right one included. After the lock ends the right password
 * works again, and a success clears the account's count.
 */
export interface LoginBackoff {
  /** Milliseconds until every one of the keys is unlocked (0: none is locked). */
  lockedFor(keys: readonly string[]): Promise<number>;
  /** Counts a failure against each key and locks those past the free failures. */
  failed(keys: readonly string[]): Promise<void>;
  /** Forgets the failures of a key (the account, after a success). */
  succeeded(key: string): Promise<void>;
}

export const LOGIN_BACKOFF = Symbol('LOGIN_BACKOFF');

export interface BackoffPolicy {
  /** Failures allowed before the first lock, per key kind (`account:`, `ip:`). */
  freeFailures: { account: number; ip: number };
  /** The longest lock. */
  maxLockMs: number;
  /** How long failures are remembered without a new one. */
  windowMs: number;
}

/** The free failures are configuration (LOGIN_FREE_FAILURES_PER_ACCOUNT, …_PER_IP); these are their defaults. */
export const DEFAULT_BACKOFF: BackoffPolicy = {
  freeFailures: { account: 5, ip: 20 },
  maxLockMs: 15 * 60_000,
  windowMs: 15 * 60_000,
};

/** The lock after the n-th failure in a row, or 0 while failures are still free. */
export function lockMs(failures: number, free: number, policy: BackoffPolicy): number {
  if (failures <= free) return 0;
  return Math.min(1000 * 2 ** (failures - free - 1), policy.maxLockMs);
}

const kindOf = (key: string): 'account' | 'ip' => (key.startsWith('ip:') ? 'ip' : 'account');

/**
 * In Redis, so every replica counts the same failures: one INCR per key and failure, the lock a
 * key with a TTL. An unreachable Redis fails open (logged by the caller), as throttling does.
 */
export class RedisLoginBackoff implements LoginBackoff {
  constructor(
    private readonly redis: Redis,
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
  ) {}

  async lockedFor(keys: readonly string[]): Promise<number> {
    const ttls = await Promise.all(keys.map((key) => this.redis.pttl(`login:lock:${key}`)));
    return Math.max(0, ...ttls);
  }

  async failed(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      const count = `login:failures:${key}`;
      const [[, failures]] = (await this.redis
        .multi()
        .incr(count)
        .pexpire(count, this.policy.windowMs)
        .exec()) as [[unknown, number], [unknown, number]];
      const lock = lockMs(failures, this.policy.freeFailures[kindOf(key)], this.policy);
      if (lock > 0) await this.redis.set(`login:lock:${key}`, '1', 'PX', lock);
    }
  }

  async succeeded(key: string): Promise<void> {
    await this.redis.del(`login:failures:${key}`);
  }
}
