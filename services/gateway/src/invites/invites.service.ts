import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_LOG, type AuditLog } from '../audit/audit-log';
import { type Principal } from '../auth/account';
import { type Page } from '../http/page';
import { ProblemException } from '../http/problem';
import { cursorKey, pageOf, stringKey } from '../http/query-params';
import { INVITE_STORE, inviteState, type Invite, type InviteStore } from './invite';
import {
  DEFAULT_INVITE_DAYS,
  MAX_INVITE_DAYS,
  type CreatedInvite,
  type CreateInviteBody,
  type InviteView,
  type ListInvitesQuery,
} from './invites.dto';

export const INVITES_SETTINGS = Symbol('INVITES_SETTINGS');
export const INVITES_CLOCK = Symbol('INVITES_CLOCK');

export interface InvitesSettings {
  registration: 'open' | 'invite-only' | 'off';
}

/** An invite token is stored and looked up only as its sha256 (it has 256 random bits). */
export const inviteTokenHash = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

const DAY_MS = 86_400_000;

type InviteKey = { created_at: string; id: string };

/** Invites to register: created, listed and revoked by admins; spent by `POST /v1/auth/register`. */
@Injectable()
export class InvitesService {
  constructor(
    @Inject(INVITE_STORE) private readonly store: InviteStore,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
    @Inject(INVITES_SETTINGS) private readonly settings: InvitesSettings,
    @Inject(INVITES_CLOCK) private readonly now: () => Date,
  ) {}

  private view(invite: Invite): InviteView {
    return {
      id: invite.id,
      role: invite.role,
      note: invite.note,
      state: inviteState(invite, this.now()),
      created_by: invite.createdBy,
      created_at: invite.createdAt.toISOString(),
      expires_at: invite.expiresAt.toISOString(),
      used_at: invite.usedAt?.toISOString() ?? null,
      used_by: invite.usedBy,
      revoked_at: invite.revokedAt?.toISOString() ?? null,
    };
  }

  async create(principal: Principal, body: CreateInviteBody): Promise<CreatedInvite> {
    if (this.settings.registration === 'off')
      throw new ProblemException(
        'conflict',
        'registration is off here (REGISTRATION=off), so an invite could not be used',
      );
    const now = this.now();
    const expiresAt = body.expires_at
      ? new Date(body.expires_at)
      : new Date(now.getTime() + DEFAULT_INVITE_DAYS * DAY_MS);
    if (expiresAt <= now || expiresAt.getTime() - now.getTime() > MAX_INVITE_DAYS * DAY_MS)
      throw new ProblemException(
        'validation-failed',
        `expires_at must be in the future and at most ${MAX_INVITE_DAYS} days ahead`,
        {
          errors: [
            { path: 'expires_at', message: `must be within the next ${MAX_INVITE_DAYS} days` },
          ],
        },
      );
    const token = `trb_inv_${randomBytes(32).toString('base64url')}`;
    const invite = await this.store.create({
      id: randomUUID(),
      tokenHash: inviteTokenHash(token),
      role: body.role,
      note: body.note ?? null,
      createdBy: principal.accountId,
      expiresAt,
    });
    await this.audit.record({
      action: 'invite.created',
      actorAccountId: principal.accountId,
      subjectAccountId: null,
      detail: {
        invite_id: invite.id,
        role: invite.role,
        expires_at: invite.expiresAt.toISOString(),
      },
    });
    return { ...this.view(invite), token };
  }

  async list(query: ListInvitesQuery): Promise<Page<InviteView>> {
    const limit = query.limit ?? 100;
    const after = cursorKey(query.cursor, {}, stringKey<InviteKey>('created_at', 'id')) ?? null;
    const rows = await this.store.list(after, limit + 1);
    return pageOf(
      rows,
      limit,
      {},
      (row) => ({ created_at: row.createdAt.toISOString(), id: row.id }),
      (row) => this.view(row),
    );
  }

  /** A pending invite can no longer be used; revoking a revoked or expired one changes nothing. */
  async revoke(principal: Principal, id: string): Promise<void> {
    const before = await this.store.find(id);
    if (!before) throw new ProblemException('not-found', `no invite has the id ${id}`);
    if (before.usedAt)
      throw new ProblemException(
        'conflict',
        'the invite was already used; disable the account it created instead',
      );
    if (before.revokedAt) return;
    const after = await this.store.revoke(id, this.now());
    // A registration may have spent it since it was read.
    if (after?.usedAt)
      throw new ProblemException('conflict', 'the invite was used meanwhile; it stays used');
    await this.audit.record({
      action: 'invite.revoked',
      actorAccountId: principal.accountId,
      subjectAccountId: null,
      detail: { invite_id: id, role: before.role },
    });
  }
}
