import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ProblemException } from '../http/problem';
import { scopesOf } from './access';
import { hasScope, type Principal } from './account';
import { API_KEY_STORE, type ApiKey, type ApiKeyStore } from './api-key';
import { type ApiKeyView, type CreateApiKeyBody, type IssuedApiKey } from './api-keys.dto';
import { AUDIT_LOG, type AuditLog } from '../audit/audit-log';
import { AUTH_CLOCK } from './auth.service';

/** Active keys one account may hold. */
export const MAX_ACTIVE_KEYS = 100;
/**
 * How long a verified key is trusted without asking Postgres again: a revocation takes effect
 * within this time on every replica. A machine sending readings at high rates then costs one
 * query per key and replica per 10 s, not one per request.
 */
const CACHE_MS = 10_000;

const KEY_FORMAT = /^trb_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest();

const toView = (key: ApiKey): ApiKeyView => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  role: key.role,
  scopes: [...key.scopes],
  datasets: key.datasets ? [...key.datasets] : null,
  created_at: key.createdAt.toISOString(),
  expires_at: key.expiresAt?.toISOString() ?? null,
  revoked_at: key.revokedAt?.toISOString() ?? null,
});

@Injectable()
export class ApiKeysService {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    @Inject(API_KEY_STORE) private readonly keys: ApiKeyStore,
    @Inject(AUTH_CLOCK) private readonly now: () => Date,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  /**
   * Keys are issued to people (the access table lets no key reach this), with scopes within their
   * own role's unless an admin chooses another role.
   */
  async issue(principal: Principal, body: CreateApiKeyBody): Promise<IssuedApiKey> {
    const role = body.role ?? principal.role;
    if (role !== principal.role && principal.role !== 'admin') {
      throw new ProblemException(
        'forbidden',
        `only an admin may issue a key with a role other than ${principal.role}`,
      );
    }
    const granted = scopesOf(role);
    const scopes = body.scopes ? [...new Set(body.scopes)] : [...granted];
    const beyond = scopes.filter((scope) => !granted.includes(scope));
    if (beyond.length > 0) {
      throw new ProblemException(
        'forbidden',
        `the ${role} role does not grant ${beyond.join(', ')}; a key gets at most its role's scopes`,
      );
    }
    const now = this.now();
    const expiresAt = body.expires_at === undefined ? null : new Date(body.expires_at);
    if (expiresAt && expiresAt <= now) {
      throw new ProblemException('validation-failed', '1 problem in the body; see errors', {
        errors: [{ path: 'expires_at', message: 'must be in the future' }],
      });
    }
    if ((await this.keys.countActive(principal.accountId, now)) >= MAX_ACTIVE_KEYS) {
      throw new ProblemException(
        'conflict',
        `an account holds at most ${MAX_ACTIVE_KEYS} active keys; revoke one first`,
      );
    }
    const prefix = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const key = await this.keys.create({
      id: randomUUID(),
      accountId: principal.accountId,
      name: body.name,
      prefix,
      secretHash: sha256(secret).toString('hex'),
      role,
      scopes,
      datasets: body.datasets ? [...new Set(body.datasets)] : null,
      expiresAt,
    });
    await this.audit.record({
      action: 'key.issued',
      actorAccountId: principal.accountId,
      subjectAccountId: principal.accountId,
      detail: {
        key_id: key.id,
        name: key.name,
        prefix: key.prefix,
        role: key.role,
        scopes: key.scopes,
        datasets: key.datasets,
        expires_at: key.expiresAt?.toISOString() ?? null,
      },
    });
    return { ...toView(key), key: `trb_${prefix}_${secret}` };
  }

  async list(principal: Principal): Promise<{ items: ApiKeyView[]; next_cursor: null }> {
    const keys = await this.keys.listByAccount(principal.accountId);
    return { items: keys.map(toView), next_cursor: null };
  }

  /** The owner or an admin revokes; anyone else is told the key does not exist. */
  async revoke(principal: Principal, id: string): Promise<void> {
    const key = await this.keys.findById(id);
    if (!key || (key.accountId !== principal.accountId && !hasScope(principal, 'admin:accounts'))) {
      throw new ProblemException('not-found', `no API key ${id}`);
    }
    await this.keys.revoke(id, this.now());
    await this.audit.record({
      action: 'key.revoked',
      actorAccountId: principal.accountId,
      subjectAccountId: key.accountId,
      detail: { key_id: id, name: key.name, prefix: key.prefix },
    });
    for (const [raw, entry] of this.cache) {
      if (entry.principal.apiKeyId === id) this.cache.delete(raw);
    }
  }

  /** The principal a presented key acts as, or null when it is malformed, unknown, expired or revoked. */
  async authenticate(raw: string): Promise<Principal | null> {
    const now = this.now();
    const cached = this.cache.get(raw);
    if (cached && cached.until > now.getTime()) return cached.principal;
    const match = KEY_FORMAT.exec(raw);
    if (!match) return null;
    const [, prefix, secret] = match as unknown as [string, string, string];
    const found = await this.keys.findByPrefix(prefix);
    if (!found) return null;
    const { key, owner } = found;
    const expected = Buffer.from(key.secretHash, 'hex');
    const presented = sha256(secret);
    if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) return null;
    if (key.revokedAt || (key.expiresAt && key.expiresAt <= now) || owner.disabledAt) return null;
    // A key never does more than its owner's role allows now: demoting the owner narrows it.
    const ownerScopes = scopesOf(owner.role);
    const principal: Principal = {
      accountId: key.accountId,
      email: owner.email,
      role: owner.role,
      scopes: key.scopes.filter((scope) => ownerScopes.includes(scope)),
      apiKeyId: key.id,
      datasets: key.datasets,
    };
    const until = Math.min(now.getTime() + CACHE_MS, key.expiresAt?.getTime() ?? Infinity);
    this.cache.set(raw, { principal, until });
    return principal;
  }
}
