import { JwtService } from '@nestjs/jwt';
import { ProblemException } from '../http/problem';
import {
  AccountExistsError,
  type Account,
  type AccountStore,
  type RefreshTokenRecord,
  type Role,
} from './account';
import { AuthService } from './auth.service';
import { type PasswordHasher } from './password-hasher';

/** The AccountStore port in memory, with the same reuse rule the Postgres store applies. */
class InMemoryAccounts implements AccountStore {
  accounts = new Map<string, Account>();
  tokens = new Map<string, RefreshTokenRecord & { used: boolean; revoked: boolean }>();

  findByEmail(email: string) {
    return Promise.resolve([...this.accounts.values()].find((a) => a.email === email) ?? null);
  }
  findById(id: string) {
    return Promise.resolve(this.accounts.get(id) ?? null);
  }
  create(account: Omit<Account, 'createdAt'>) {
    if ([...this.accounts.values()].some((a) => a.email === account.email)) {
      return Promise.reject(new AccountExistsError(account.email));
    }
    const created = { ...account, createdAt: new Date('2026-11-22T10:00:00Z') };
    this.accounts.set(account.id, created);
    return Promise.resolve(created);
  }
  setRole(id: string, role: Role) {
    this.accounts.set(id, { ...this.accounts.get(id)!, role });
    return Promise.resolve();
  }
  setPasswordHash(id: string, passwordHash: string) {
    this.accounts.set(id, { ...this.accounts.get(id)!, passwordHash });
    return Promise.resolve();
  }
  setDisabled(id: string, at: Date | null) {
    this.accounts.set(id, { ...this.accounts.get(id)!, disabledAt: at });
    return Promise.resolve();
  }
  sessionState(accountId: string, sessionId: string) {
    const account = this.accounts.get(accountId);
    if (!account) return Promise.resolve(null);
    const sessionRevoked = [...this.tokens.values()].some(
      (t) => t.familyId === sessionId && t.accountId === accountId && t.revoked,
    );
    return Promise.resolve({ account, sessionRevoked });
  }
  revokeSession(accountId: string, sessionId: string) {
    for (const t of this.tokens.values())
      if (t.familyId === sessionId && t.accountId === accountId) t.revoked = true;
    return Promise.resolve();
  }
  saveRefreshToken(token: RefreshTokenRecord) {
    this.tokens.set(token.hash, { ...token, used: false, revoked: false });
    return Promise.resolve();
  }
  consumeRefreshToken(hash: string, now: Date) {
    const token = this.tokens.get(hash);
    if (!token) return Promise.resolve(null);
    if (token.used) {
      for (const t of this.tokens.values()) if (t.familyId === token.familyId) t.revoked = true;
      return Promise.resolve('reused' as const);
    }
    if (token.revoked || token.expiresAt <= now) return Promise.resolve(null);
    token.used = true;
    return Promise.resolve(token);
  }
}

/** Reversible "hashing" keeps the test fast; argon2 itself is exercised by the e2e test. */
const hasher: PasswordHasher = {
  hash: (password) => Promise.resolve(`hashed:${password}`),
  verify: (hash, password) => Promise.resolve(hash === `hashed:${password}`),
};

async function failure(promise: Promise<unknown>): Promise<{ slug: string; detail: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemException) return { slug: error.slug, detail: error.detail };
    throw error;
  }
  throw new Error('expected a problem');
}

describe('AuthService', () => {
  let now: Date;
  let accounts: InMemoryAccounts;
  let auth: AuthService;
  const jwt = new JwtService({
    secret: 's'.repeat(32),
    signOptions: { algorithm: 'HS256', issuer: 'tributary', audience: 'tributary-api' },
  });

  beforeEach(() => {
    now = new Date('2026-11-22T10:00:00Z');
    accounts = new InMemoryAccounts();
    auth = new AuthService(
      accounts,
      hasher,
      { accessTokenTtlS: 900, refreshTokenTtlS: 3600 },
      () => now,
      jwt,
    );
  });

  it('registers analysts, refuses a taken email, and logs in with the right password only', async () => {
    const ada = await auth.register({
      email: 'ada@example.com',
      password: 'correct horse battery',
    });
    expect(ada).toMatchObject({
      email: 'ada@example.com',
      role: 'analyst',
      created_at: '2026-11-22T10:00:00.000Z',
    });
    expect(
      await failure(auth.register({ email: 'ada@example.com', password: 'x'.repeat(12) })),
    ).toEqual({
      slug: 'conflict',
      detail: 'an account with email ada@example.com already exists',
    });

    const tokens = await auth.login({
      email: 'ada@example.com',
      password: 'correct horse battery',
    });
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    const claims = jwt.verify<Record<string, unknown>>(tokens.access_token, {
      issuer: 'tributary',
      audience: 'tributary-api',
    });
    expect(claims).toMatchObject({ sub: ada.id, email: 'ada@example.com', role: 'analyst' });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(900);

    const wrong = { slug: 'unauthorized', detail: 'the email or the password is wrong' };
    expect(await failure(auth.login({ email: 'ada@example.com', password: 'nope' }))).toEqual(
      wrong,
    );
    expect(await failure(auth.login({ email: 'bob@example.com', password: 'nope' }))).toEqual(
      wrong,
    );
  });

  it('rotates refresh tokens and revokes the family when a spent one comes back', async () => {
    await auth.register({ email: 'ada@example.com', password: 'correct horse battery' });
    const first = await auth.login({ email: 'ada@example.com', password: 'correct horse battery' });
    const second = await auth.refresh(first.refresh_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);

    // The stolen first token is replayed: refused, and the legitimate second one dies with it.
    expect(await failure(auth.refresh(first.refresh_token))).toEqual({
      slug: 'unauthorized',
      detail: 'the refresh token was already used; log in again',
    });
    expect((await failure(auth.refresh(second.refresh_token))).slug).toBe('unauthorized');

    // A new login starts a new family, unaffected.
    const third = await auth.login({ email: 'ada@example.com', password: 'correct horse battery' });
    now = new Date(now.getTime() + 3_599_000);
    const fourth = await auth.refresh(third.refresh_token);
    now = new Date(now.getTime() + 3_600_000);
    expect(await failure(auth.refresh(fourth.refresh_token))).toEqual({
      slug: 'unauthorized',
      detail: 'the refresh token is not valid or has expired',
    });
  });

  it('creates the configured admin, then promotes it and resets its password from config', async () => {
    expect(await auth.ensureAdmin('Root@Example.com', 'first password')).toBe('created');
    expect(await auth.ensureAdmin('root@example.com', 'first password')).toBe('unchanged');
    const root = (await accounts.findByEmail('root@example.com'))!;
    expect(root.role).toBe('admin');

    await accounts.setRole(root.id, 'analyst');
    expect(await auth.ensureAdmin('root@example.com', 'second password')).toBe('updated');
    expect(await accounts.findByEmail('root@example.com')).toMatchObject({
      role: 'admin',
      passwordHash: 'hashed:second password',
    });
  });
});
