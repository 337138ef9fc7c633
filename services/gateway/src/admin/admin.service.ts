import { Inject, Injectable } from '@nestjs/common';
import { type Principal } from '../auth/account';
import { ProblemException } from '../http/problem';
import { cursorKey, pageOf, stringKey } from '../http/query-params';
import { type Page } from '../http/page';
import {
  type ActivityQuery,
  type ActivityView,
  type AdminAccountView,
  type ListAccountsQuery,
  type SetRoleBody,
  type UpdateAccountBody,
} from './admin.dto';
import { AUDIT_LOG, type AuditLog } from '../audit/audit-log';
import { ADMIN_STORE, type AccountRecord, type AdminStore } from './admin.store';

export const ADMIN_CLOCK = Symbol('ADMIN_CLOCK');

type AccountKey = { created_at: string; id: string };

const accountView = (row: AccountRecord): AdminAccountView => ({
  id: row.id,
  email: row.email,
  role: row.role,
  created_at: new Date(row.created_at).toISOString(),
  disabled_at: row.disabled_at ? new Date(row.disabled_at).toISOString() : null,
  active_api_keys: row.active_api_keys,
});

/** Accounts and roles, and who ingested what: the console's admin pages. Admins only. */
@Injectable()
export class AdminService {
  constructor(
    @Inject(ADMIN_STORE) private readonly store: AdminStore,
    @Inject(ADMIN_CLOCK) private readonly now: () => Date,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  private async roleChanged(principal: Principal, id: string, from: string, to: string) {
    if (from === to) return;
    await this.audit.record({
      action: 'role.changed',
      actorAccountId: principal.accountId,
      subjectAccountId: id,
      detail: { from, to },
    });
  }

  async accounts(query: ListAccountsQuery): Promise<Page<AdminAccountView>> {
    const limit = query.limit ?? 100;
    const after = cursorKey(query.cursor, {}, stringKey<AccountKey>('created_at', 'id')) ?? null;
    const rows = await this.store.accounts(after, limit + 1);
    return pageOf(
      rows,
      limit,
      {},
      (row) => ({ created_at: new Date(row.created_at).toISOString(), id: row.id }),
      accountView,
    );
  }

  /** `PUT …/role` (deprecated): `update` with a role alone, by the same rules and audit. */
  setRole(principal: Principal, id: string, body: SetRoleBody): Promise<AdminAccountView> {
    return this.update(principal, id, { role: body.role });
  }

  async update(
    principal: Principal,
    id: string,
    body: UpdateAccountBody,
  ): Promise<AdminAccountView> {
    if (
      id === principal.accountId &&
      (body.disabled === true || (body.role ?? 'admin') !== 'admin')
    )
      throw new ProblemException(
        'conflict',
        'you cannot disable or demote your own account; ask another admin',
      );
    const account = await this.store.account(id);
    if (!account) throw new ProblemException('not-found', `no account has the id ${id}`);
    // What it was, before the store changes it.
    const before = { role: account.role, disabledAt: account.disabled_at };
    if (body.role !== undefined) {
      await this.store.setRole(id, body.role);
      await this.roleChanged(principal, id, before.role, body.role);
    }
    let disabledAt = before.disabledAt;
    if (body.disabled !== undefined) {
      disabledAt = body.disabled ? (before.disabledAt ?? this.now()) : null;
      await this.store.setDisabled(id, disabledAt);
      if ((before.disabledAt === null) !== (disabledAt === null))
        await this.audit.record({
          action: body.disabled ? 'account.disabled' : 'account.enabled',
          actorAccountId: principal.accountId,
          subjectAccountId: id,
        });
    }
    return accountView({ ...account, role: body.role ?? before.role, disabled_at: disabledAt });
  }

  async activity(
    query: ActivityQuery,
  ): Promise<{ since: string; items: ActivityView[]; next_cursor: null }> {
    const since = new Date(this.now().getTime() - (query.days ?? 7) * 86_400_000);
    const rows = await this.store.activity(since);
    return {
      since: since.toISOString(),
      items: rows.map((row) => ({
        submitted_by: row.submitted_by,
        email: row.email,
        api_key_name: row.api_key_name,
        source: row.source as ActivityView['source'],
        jobs: row.jobs,
        failed_jobs: row.failed_jobs,
        rows: { read: row.rows_read, accepted: row.rows_accepted, rejected: row.rows_rejected },
        bytes: row.bytes,
        last_queued_at: row.last_queued_at ? new Date(row.last_queued_at).toISOString() : null,
      })),
      next_cursor: null,
    };
  }
}
