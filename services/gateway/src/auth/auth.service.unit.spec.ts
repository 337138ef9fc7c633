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
import { InMemoryAuditLog } from '../audit/in-memory-audit-log';
import { InMemoryInviteStore } from '../invites/in-memory-invite-store';
import { inviteTokenHash } from '../invites/invites.service';
import { DEFAULT_BACKOFF, lockMs, type LoginBackoff } from './login-backoff';
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

/** The LoginBackoff port in memory, on the test's clock, with the adapter's policy (`lockMs`). */
class InMemoryBackoff implements LoginBackoff {
  failures = new Map<string, number>();
  locks = new Map<string, number>();
  constructor(private readonly clock: () => Date) {}
  lockedFor(keys: readonly string[]) {
    const t = this.clock().getTime();
    return Promise.resolve(Math.max(0, ...keys.map((k) => (this.locks.get(k) ?? 0) - t)));
  }
  failed(keys: readonly string[]) {
    for (const key of keys) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      const free = DEFAULT_BACKOFF.freeFailures[key.startsWith('ip:') ? 'ip' : 'account'];
      const lock = lockMs(n, free, DEFAULT_BACKOFF);
      if (lock > 0) this.locks.set(key, this.clock().getTime() + lock);
    }
    return Promise.resolve();
  }
  succeeded(key: string) {
    this.failures.delete(key);
    return Promise.resolve();
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
  let audit: InMemoryAuditLog;
  let invites: InMemoryInviteStore;
  const jwt = new JwtService({
    secret: 's'.repeat(32),
    signOptions: { algorithm: 'HS256', issuer: 'tributary', audience: 'tributary-api' },
  });

  beforeEach(() => {
    now = new Date('2026-11-22T10:00:00Z');
    accounts = new InMemoryAccounts();
    audit = new InMemoryAuditLog();
    invites = new InMemoryInviteStore();
    auth = new AuthService(
      accounts,
      hasher,
      { accessTokenTtlS: 900, refreshTokenTtlS: 3600, registration: 'open' },
      () => now,
      new InMemoryBackoff(() => now),
      audit,
      jwt,
      invites,
    );
  });

  it('registers analysts, answers a taken email alike, and logs in with the right password only', async () => {
    const accepted = await auth.register({
      email: 'ada@example.com',
      password: 'correct horse battery',
    });
    const ada = (await accounts.findByEmail('ada@example.com'))!;
    expect(ada).toMatchObject({ role: 'analyst', passwordHash: 'hashed:correct horse battery' });
    // The same answer for a taken address, and the account is untouched.
    expect(await auth.register({ email: 'ada@example.com', password: 'another long one' })).toEqual(
      accepted,
    );
    expect(accepted).toEqual({
      status: 'accepted',
      detail:
        'if no account uses this address, one was created with this password (role analyst): sign in with it',
    });
    expect((await accounts.findByEmail('ada@example.com'))!.passwordHash).toBe(
      'hashed:correct horse battery',
    );

    const tokens = await auth.login(
      { email: 'ada@example.com', password: 'correct horse battery' },
      '10.0.0.1',
    );
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    const claims = jwt.verify<Record<string, unknown>>(tokens.access_token, {
      issuer: 'tributary',
      audience: 'tributary-api',
    });
    expect(claims).toMatchObject({ sub: ada.id, email: 'ada@example.com', role: 'analyst' });
    expect(typeof claims.sid).toBe('string');
    expect(Number(claims.exp) - Number(claims.iat)).toBe(900);

    const wrong = { slug: 'unauthorized', detail: 'the email or the password is wrong' };
    expect(
      await failure(auth.login({ email: 'ada@example.com', password: 'nope' }, '10.0.0.1')),
    ).toEqual(wrong);
    expect(
      await failure(auth.login({ email: 'bob@example.com', password: 'nope' }, '10.0.0.1')),
    ).toEqual(wrong);
    expect(audit.entries.map((e) => [e.action, e.email, e.detail?.['reason']])).toEqual([
      ['account.registered', 'ada@example.com', undefined],
      ['login.succeeded', 'ada@example.com', undefined],
      ['login.failed', 'ada@example.com', 'bad_password'],
      ['login.failed', 'bob@example.com', 'unknown_account'],
    ]);
    expect(audit.entries[2]).toMatchObject({ subjectAccountId: ada.id, clientIp: '10.0.0.1' });
  });

  it('refuses registration when it is off', async () => {
    const closed = new AuthService(
      accounts,
      hasher,
      { accessTokenTtlS: 900, refreshTokenTtlS: 3600, registration: 'off' },
      () => now,
      new InMemoryBackoff(() => now),
      audit,
      jwt,
      invites,
    );
    expect(
      await failure(closed.register({ email: 'eve@example.com', password: 'a long password' })),
    ).toEqual({
      slug: 'forbidden',
      detail: 'registration is closed here: ask an administrator for an account',
    });
    expect(await accounts.findByEmail('eve@example.com')).toBeNull();
  });

  it("registers with an invite only where it is invite-only, with the invite's role, once; any other attempt gets the same answer", async () => {
    const invited = new AuthService(
      accounts,
      hasher,
      { accessTokenTtlS: 900, refreshTokenTtlS: 3600, registration: 'invite-only' },
      () => now,
      new InMemoryBackoff(() => now),
      audit,
      jwt,
      invites,
    );
    const invite = (id: string, token: string, expiresAt: string) =>
      invites.create({
        id,
        tokenHash: inviteTokenHash(token),
        role: 'steward',
        note: null,
        createdBy: 'admin-1',
        expiresAt: new Date(expiresAt),
      });
    await invite('inv-1', 'trb_inv_good', '2026-11-23T10:00:00Z');
    await invite('inv-2', 'trb_inv_old', '2026-11-22T09:59:59Z');
    const same = {
      status: 'accepted',
      detail:
        "if the invite is valid and unused and no account uses this address, one was created with this password and the invite's role: sign in with it",
    };
    const password = 'correct horse battery';
    expect(await invited.register({ email: 'no-invite@example.com', password })).toEqual(same);
    expect(
      await invited.register({ email: 'wrong@example.com', password, invite: 'trb_inv_bad' }),
    ).toEqual(same);
    expect(
      await invited.register({ email: 'late@example.com', password, invite: 'trb_inv_old' }),
    ).toEqual(same);
    expect(
      await invited.register({ email: 'eve@example.com', password, invite: 'trb_inv_good' }),
    ).toEqual(same);
    // Spent: a second registration with it creates nothing.
    expect(
      await invited.register({ email: 'again@example.com', password, invite: 'trb_inv_good' }),
    ).toEqual(same);
    const emails = ['no-invite', 'wrong', 'late', 'eve', 'again'].map((n) => `${n}@example.com`);
    const created = await Promise.all(emails.map((e) => accounts.findByEmail(e)));
    expect(created.map((a) => a?.role ?? null)).toEqual([null, null, null, 'steward', null]);
    const eve = created[3]!;
    expect(await invites.find('inv-1')).toMatchObject({ usedAt: now, usedBy: eve.id });
    expect(audit.entries.map((e) => [e.action, e.subjectAccountId, e.detail])).toEqual([
      ['account.registered', eve.id, { role: 'steward', invite_id: 'inv-1' }],
      ['invite.used', eve.id, { invite_id: 'inv-1', role: 'steward', account_created: true }],
    ]);
  });

  it('backs an account off after 5 failures, from any address, then lets the right password in', async () => {
    await auth.register({ email: 'ada@example.com', password: 'correct horse battery' });
    const attempt = (password: string, ip: string) =>
      auth.login({ email: 'ada@example.com', password }, ip);
    for (let i = 1; i <= 5; i++)
      expect((await failure(attempt(`guess ${i}`, `10.0.0.${i}`))).slug).toBe('unauthorized');
    // The 6th failure locks the account for 1 s, then 2 s, doubling.
    expect((await failure(attempt('guess 6', '10.0.1.1'))).slug).toBe('unauthorized');
    const locked = await attempt('correct horse battery', '10.0.2.2').catch((e: unknown) => e);
    expect(locked).toMatchObject({
      slug: 'rate-limited',
      detail: 'too many failed sign-ins for this account or from this address; retry in 1 s',
      headers: { 'Retry-After': '1' },
    });
    now = new Date(now.getTime() + 1000);
    expect((await failure(attempt('guess 7', '10.0.3.3'))).slug).toBe('unauthorized');
    expect(
      (await attempt('x', '10.0.4.4').catch((e: ProblemException) => e.headers)) as object,
    ).toEqual({
      'Retry-After': '2',
    });
    now = new Date(now.getTime() + 2000);
    await expect(attempt('correct horse battery', '10.0.5.5')).resolves.toMatchObject({
      token_type: 'Bearer',
    });
    // The success cleared the account's count: one more failure is free again.
    expect((await failure(attempt('guess 8', '10.0.6.6'))).slug).toBe('unauthorized');
    await expect(attempt('correct horse battery', '10.0.7.7')).resolves.toBeDefined();
  });

  it('backs an address off after 20 failures across accounts', async () => {
    for (let i = 1; i <= 21; i++)
      expect(
        (await failure(auth.login({ email: `u${i}@example.com`, password: 'x' }, '10.9.9.9'))).slug,
      ).toBe('unauthorized');
    expect(
      (await failure(auth.login({ email: 'ada@example.com', password: 'x' }, '10.9.9.9'))).slug,
    ).toBe('rate-limited');
    expect(
      (await failure(auth.login({ email: 'ada@example.com', password: 'x' }, '10.9.9.8'))).slug,
    ).toBe('unauthorized');
  });

  it('rotates refresh tokens and revokes the family when a spent one comes back', async () => {
    await auth.register({ email: 'ada@example.com', password: 'correct horse battery' });
    const first = await auth.login(
      { email: 'ada@example.com', password: 'correct horse battery' },
      '10.0.0.1',
    );
    const second = await auth.refresh(first.refresh_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);

    // The stolen first token is replayed: refused, and the legitimate second one dies with it.
    expect(await failure(auth.refresh(first.refresh_token))).toEqual({
      slug: 'unauthorized',
      detail: 'the refresh token was already used; log in again',
    });
    expect((await failure(auth.refresh(second.refresh_token))).slug).toBe('unauthorized');

    // A new login starts a new family, unaffected.
    const third = await auth.login(
      { email: 'ada@example.com', password: 'correct horse battery' },
      '10.0.0.1',
    );
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
