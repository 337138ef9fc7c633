import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ProblemException } from '../http/problem';
import {
  ACCOUNT_STORE,
  AccountExistsError,
  type Account,
  type AccountStore,
  type Principal,
  type Role,
} from './account';
import {
  type AccountView,
  type LoginBody,
  type RegisterBody,
  type Tokens,
  type UpdateMeBody,
} from './auth.dto';
import { PASSWORD_HASHER, type PasswordHasher } from './password-hasher';

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
export const AUTH_CLOCK = Symbol('AUTH_CLOCK');

export interface AuthSettings {
  accessTokenTtlS: number;
  refreshTokenTtlS: number;
}

/**
 * The claims of an access token beyond the registered ones (sub, iss, aud, iat, exp). `sid` is
 * the sign-in (refresh family) it belongs to, so logging out revokes it. The role is informative
 * only: every request reads the account's current role from the store.
 */
export interface AccessClaims {
  sub: string;
  sid: string;
  email: string;
  role: Role;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export const toAccountView = (account: Account): AccountView => ({
  id: account.id,
  email: account.email,
  role: account.role,
  created_at: account.createdAt.toISOString(),
});

const disabled = () =>
  new ProblemException('unauthorized', 'the account is disabled; ask an administrator');

const badCredentials = () =>
  new ProblemException('unauthorized', 'the email or the password is wrong');

@Injectable()
export class AuthService {
  private readonly log = new Logger(AuthService.name);
  /** Verified against when the email is unknown, so both failures take the same time. */
  private decoyHash: Promise<string> | undefined;

  constructor(
    @Inject(ACCOUNT_STORE) private readonly accounts: AccountStore,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(AUTH_CLOCK) private readonly now: () => Date,
    private readonly jwt: JwtService,
  ) {}

  /** New accounts are analysts; an admin grants other roles. */
  async register(body: RegisterBody): Promise<AccountView> {
    try {
      const account = await this.accounts.create({
        id: randomUUID(),
        email: body.email,
        role: 'analyst',
        passwordHash: await this.hasher.hash(body.password),
      });
      return toAccountView(account);
    } catch (error) {
      if (error instanceof AccountExistsError) {
        throw new ProblemException(
          'conflict',
          `an account with email ${body.email} already exists`,
        );
      }
      throw error;
    }
  }

  async login(body: LoginBody): Promise<Tokens> {
    const account = await this.accounts.findByEmail(body.email);
    if (!account) {
      this.decoyHash ??= this.hasher.hash(randomBytes(16).toString('hex'));
      await this.hasher.verify(await this.decoyHash, body.password);
      throw badCredentials();
    }
    if (!(await this.hasher.verify(account.passwordHash, body.password))) throw badCredentials();
    if (account.disabledAt) throw disabled();
    return this.issue(account, randomUUID());
  }

  /**
   * Rotates a refresh token: the presented one is spent and a new pair issued in the same family.
   * Presenting a spent token again revokes the family, so a stolen token dies with its first
   * reuse, whoever uses it first.
   */
  async refresh(refreshToken: string): Promise<Tokens> {
    const record = await this.accounts.consumeRefreshToken(sha256(refreshToken), this.now());
    if (record === 'reused') {
      this.log.warn('a spent refresh token was presented again; its family is revoked');
      throw new ProblemException(
        'unauthorized',
        'the refresh token was already used; log in again',
      );
    }
    if (!record)
      throw new ProblemException('unauthorized', 'the refresh token is not valid or has expired');
    const account = await this.accounts.findById(record.accountId);
    if (!account) throw new ProblemException('unauthorized', 'the account no longer exists');
    if (account.disabledAt) throw disabled();
    return this.issue(account, record.familyId);
  }

  /** Ends the sign-in of this access token: its refresh tokens and every access token of it. */
  async logout(principal: Principal): Promise<void> {
    if (principal.sessionId)
      await this.accounts.revokeSession(principal.accountId, principal.sessionId, this.now());
  }

  /** A person changes their own password (the current one is asked again); never their role. */
  async updateMe(principal: Principal, body: UpdateMeBody): Promise<AccountView> {
    const account = await this.accounts.findById(principal.accountId);
    if (!account) throw new ProblemException('unauthorized', 'the account no longer exists');
    if (!(await this.hasher.verify(account.passwordHash, body.current_password)))
      throw new ProblemException('forbidden', 'current_password is wrong');
    await this.accounts.setPasswordHash(account.id, await this.hasher.hash(body.password));
    return toAccountView(account);
  }

  async me(principal: Principal): Promise<AccountView> {
    const account = await this.accounts.findById(principal.accountId);
    if (!account) throw new ProblemException('unauthorized', 'the account no longer exists');
    return toAccountView(account);
  }

  /**
   * Makes the account named by config an admin whose password is the configured one: created if
   * missing, otherwise promoted and its password reset when it differs. Config is the source of
   * truth for this one account, so an operator regains access by changing the variables.
   */
  async ensureAdmin(email: string, password: string): Promise<'created' | 'updated' | 'unchanged'> {
    const normalized = email.toLowerCase();
    const existing = await this.accounts.findByEmail(normalized);
    if (!existing) {
      try {
        await this.accounts.create({
          id: randomUUID(),
          email: normalized,
          role: 'admin',
          passwordHash: await this.hasher.hash(password),
        });
        return 'created';
      } catch (error) {
        // Another replica created it first; fall through to check it like an existing one.
        if (!(error instanceof AccountExistsError)) throw error;
        return this.ensureAdmin(email, password);
      }
    }
    let outcome: 'updated' | 'unchanged' = 'unchanged';
    if (existing.role !== 'admin') {
      await this.accounts.setRole(existing.id, 'admin');
      outcome = 'updated';
    }
    if (!(await this.hasher.verify(existing.passwordHash, password))) {
      await this.accounts.setPasswordHash(existing.id, await this.hasher.hash(password));
      outcome = 'updated';
    }
    return outcome;
  }

  private async issue(account: Account, familyId: string): Promise<Tokens> {
    const claims: AccessClaims = {
      sub: account.id,
      sid: familyId,
      email: account.email,
      role: account.role,
    };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.settings.accessTokenTtlS,
    });
    const refreshToken = `rt_${randomBytes(32).toString('base64url')}`;
    await this.accounts.saveRefreshToken({
      hash: sha256(refreshToken),
      accountId: account.id,
      familyId,
      expiresAt: new Date(this.now().getTime() + this.settings.refreshTokenTtlS * 1000),
    });
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: this.settings.accessTokenTtlS,
    };
  }
}
