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
  type RegistrationAccepted,
  type RegisterBody,
  type Tokens,
  type UpdateMeBody,
} from './auth.dto';
import { AUDIT_LOG, type AuditEntry, type AuditLog } from '../audit/audit-log';
import { INVITE_STORE, type Invite, type InviteStore } from '../invites/invite';
import { inviteTokenHash } from '../invites/invites.service';
import { LOGIN_BACKOFF, type LoginBackoff } from './login-backoff';
import { PASSWORD_HASHER, type PasswordHasher } from './password-hasher';
import { passwordProblem } from './password-policy';

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
export const AUTH_CLOCK = Symbol('AUTH_CLOCK');

export interface AuthSettings {
  accessTokenTtlS: number;
  refreshTokenTtlS: number;
  /**
   * open: anyone may register (as an analyst, or with an invite's role); invite-only: only with
   * a pending invite (`/v1/admin/invites`); off: accounts come from an admin.
   */
  registration: 'open' | 'invite-only' | 'off';
}

/** The one answer to a registration, whether the address was new or not (no enumeration). */
export const REGISTRATION_ACCEPTED: RegistrationAccepted = {
  status: 'accepted',
  detail:
    'if no account uses this address, one was created with this password (role analyst): sign in with it',
};

/**
 * The one answer to a registration where it takes an invite: the same whether the invite was
 * valid or not and the address new or not, so it tells neither.
 */
export const INVITED_REGISTRATION_ACCEPTED: RegistrationAccepted = {
  status: 'accepted',
  detail:
    "if the invite is valid and unused and no account uses this address, one was created with this password and the invite's role: sign in with it",
};

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
    @Inject(LOGIN_BACKOFF) private readonly backoff: LoginBackoff,
    @Inject(AUDIT_LOG) private readonly auditLog: AuditLog,
    private readonly jwt: JwtService,
    @Inject(INVITE_STORE) private readonly invites: InviteStore,
  ) {}

  /** Best effort: a sign-in is not refused because the audit log could not be written. */
  private async audit(entry: AuditEntry): Promise<void> {
    await this.auditLog.record(entry).catch((error: unknown) => {
      this.log.error({ err: error, action: entry.action }, 'audit log write failed');
    });
  }

  /**
   * New accounts are analysts (no personal data), or get their invite's role; an admin grants
   * other roles. The answer is the same whether the address was taken or not, and whether the
   * invite was valid or not, and costs the same (the password is hashed either way), so
   * registration tells nobody who has an account or which invites exist. An invite is spent by
   * any registration that presents it, even with a taken address: a spent invite cannot be
   * replayed to probe addresses one by one.
   */
  async register(body: RegisterBody): Promise<RegistrationAccepted> {
    const mode = this.settings.registration;
    if (mode === 'off')
      throw new ProblemException(
        'forbidden',
        'registration is closed here: ask an administrator for an account',
      );
    const accepted = mode === 'invite-only' ? INVITED_REGISTRATION_ACCEPTED : REGISTRATION_ACCEPTED;
    const passwordHash = await this.hasher.hash(body.password);
    const invite =
      body.invite === undefined
        ? null
        : await this.invites.claim(inviteTokenHash(body.invite), this.now());
    if (mode === 'invite-only' && !invite) {
      this.log.log('registration without a pending invite: answered as if accepted');
      return accepted;
    }
    const id = randomUUID();
    const role = invite?.role ?? 'analyst';
    try {
      await this.accounts.create({ id, email: body.email, role, passwordHash });
    } catch (error) {
      if (!(error instanceof AccountExistsError)) {
        if (invite) await this.invites.release(invite.id).catch(() => undefined);
        throw error;
      }
      this.log.log('registration for an address already in use: answered as if new');
      if (invite) await this.inviteUsed(invite, null, body.email);
      return accepted;
    }
    await this.audit({
      action: 'account.registered',
      actorAccountId: id,
      subjectAccountId: id,
      email: body.email,
      detail: invite ? { role, invite_id: invite.id } : { role },
    });
    if (invite) {
      await this.invites.setUsedBy(invite.id, id);
      await this.inviteUsed(invite, id, body.email);
    }
    return accepted;
  }

  private inviteUsed(invite: Invite, accountId: string | null, email: string): Promise<void> {
    return this.audit({
      action: 'invite.used',
      actorAccountId: accountId,
      subjectAccountId: accountId,
      email,
      detail: { invite_id: invite.id, role: invite.role, account_created: accountId !== null },
    });
  }

  /**
   * Checks the password unless the account or the client address is backing off after failed
   * attempts (429 with Retry-After, the right password included); each failure counts against
   * both, a success clears the account's count.
   */
  async login(body: LoginBody, clientIp: string): Promise<Tokens> {
    const keys = [`account:${body.email}`, `ip:${clientIp}`];
    const wait = await this.backoff.lockedFor(keys).catch((error: unknown) => {
      this.log.warn({ err: error }, 'login backoff unavailable; checking the password anyway');
      return 0;
    });
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      await this.audit({
        action: 'login.locked',
        actorAccountId: null,
        subjectAccountId: null,
        email: body.email,
        clientIp,
        detail: { retry_after_s: seconds },
      });
      throw new ProblemException(
        'rate-limited',
        `too many failed sign-ins for this account or from this address; retry in ${seconds} s`,
        {},
        { 'Retry-After': String(seconds) },
      );
    }
    const account = await this.accounts.findByEmail(body.email);
    let valid: boolean;
    if (!account) {
      this.decoyHash ??= this.hasher.hash(randomBytes(16).toString('hex'));
      await this.hasher.verify(await this.decoyHash, body.password);
      valid = false;
    } else valid = await this.hasher.verify(account.passwordHash, body.password);
    if (!account || !valid) {
      await this.backoff.failed(keys).catch((error: unknown) => {
        this.log.warn({ err: error }, 'login backoff unavailable; the failure is not counted');
      });
      await this.audit({
        action: 'login.failed',
        actorAccountId: null,
        subjectAccountId: account?.id ?? null,
        email: body.email,
        clientIp,
        detail: { reason: account ? 'bad_password' : 'unknown_account' },
      });
      throw badCredentials();
    }
    await this.backoff.succeeded(keys[0]!).catch(() => undefined);
    if (account.disabledAt) {
      await this.audit({
        action: 'login.failed',
        actorAccountId: null,
        subjectAccountId: account.id,
        email: body.email,
        clientIp,
        detail: { reason: 'disabled' },
      });
      throw disabled();
    }
    const sessionId = randomUUID();
    await this.audit({
      action: 'login.succeeded',
      actorAccountId: account.id,
      subjectAccountId: account.id,
      email: body.email,
      clientIp,
      detail: { session_id: sessionId },
    });
    return this.issue(account, sessionId);
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
    if (!principal.sessionId) return;
    await this.accounts.revokeSession(principal.accountId, principal.sessionId, this.now());
    await this.audit({
      action: 'logout',
      actorAccountId: principal.accountId,
      subjectAccountId: principal.accountId,
      detail: { session_id: principal.sessionId },
    });
  }

  /** A person changes their own password (the current one is asked again); never their role. */
  async updateMe(principal: Principal, body: UpdateMeBody): Promise<AccountView> {
    const account = await this.accounts.findById(principal.accountId);
    if (!account) throw new ProblemException('unauthorized', 'the account no longer exists');
    if (!(await this.hasher.verify(account.passwordHash, body.current_password)))
      throw new ProblemException('forbidden', 'current_password is wrong');
    const problem = passwordProblem(body.password, account.email);
    if (problem)
      throw new ProblemException('validation-failed', `password ${problem}`, {
        errors: [{ path: 'password', message: problem }],
      });
    await this.accounts.setPasswordHash(account.id, await this.hasher.hash(body.password));
    await this.audit({
      action: 'password.changed',
      actorAccountId: principal.accountId,
      subjectAccountId: account.id,
    });
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
