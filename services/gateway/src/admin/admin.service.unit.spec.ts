import { scopesOf } from '../auth/access';
import { type Principal, type Role } from '../auth/account';
import { ProblemException } from '../http/problem';
import { InMemoryAuditLog } from '../audit/in-memory-audit-log';
import { AdminService } from './admin.service';
import { type AccountRecord, type ActivityRecord, type AdminStore } from './admin.store';

const account = (n: number, role: Role = 'analyst'): AccountRecord => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  email: `a${n}@example.com`,
  role,
  created_at: new Date(Date.UTC(2026, 10, n)),
  disabled_at: null,
  active_api_keys: 0,
});

/** The accounts in memory, in the store's documented order and keyset. */
class InMemoryAdminStore implements AdminStore {
  since: Date | null = null;
  constructor(
    readonly rows: AccountRecord[],
    private readonly activityRows: ActivityRecord[] = [],
  ) {}
  async accounts(after: { created_at: string; id: string } | null, limit: number) {
    return this.rows
      .filter(
        (a) =>
          !after ||
          a.created_at.toISOString() > after.created_at ||
          (a.created_at.toISOString() === after.created_at && a.id > after.id),
      )
      .slice(0, limit);
  }
  async account(id: string) {
    return this.rows.find((a) => a.id === id) ?? null;
  }
  async setRole(id: string, role: Role) {
    this.rows.find((a) => a.id === id)!.role = role;
  }
  async setDisabled(id: string, at: Date | null) {
    this.rows.find((a) => a.id === id)!.disabled_at = at;
  }
  async activity(since: Date) {
    this.since = since;
    return this.activityRows;
  }
}

const admin: Principal = {
  accountId: account(1).id,
  email: 'a1@example.com',
  role: 'admin',
  scopes: scopesOf('admin'),
};
const NOW = new Date('2026-11-22T12:00:00Z');

describe('AdminService', () => {
  let audit: InMemoryAuditLog;
  beforeEach(() => {
    audit = new InMemoryAuditLog();
  });

  it('pages every account once with its cursor', async () => {
    const store = new InMemoryAdminStore([1, 2, 3, 4, 5].map((n) => account(n)));
    const service = new AdminService(store, () => NOW, audit);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.accounts({ limit: 2, cursor });
      seen.push(...page.items.map((a) => a.email));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([1, 2, 3, 4, 5].map((n) => `a${n}@example.com`));
  });

  it('changes a role, refuses to demote yourself, and 404s an unknown account', async () => {
    const store = new InMemoryAdminStore([account(1, 'admin'), account(2)]);
    const service = new AdminService(store, () => NOW, audit);
    expect((await service.setRole(admin, account(2).id, { role: 'ingest' })).role).toBe('ingest');
    expect(store.rows[1]!.role).toBe('ingest');
    await expect(service.setRole(admin, admin.accountId, { role: 'analyst' })).rejects.toThrow(
      ProblemException,
    );
    expect(store.rows[0]!.role).toBe('admin');
    await expect(
      service.setRole(admin, '00000000-0000-4000-8000-000000000009', { role: 'analyst' }),
    ).rejects.toMatchObject({ slug: 'not-found' });
  });

  it('disables and enables an account, never your own', async () => {
    const store = new InMemoryAdminStore([account(1, 'admin'), account(2)]);
    const service = new AdminService(store, () => NOW, audit);
    const disabled = await service.update(admin, account(2).id, { disabled: true });
    expect(disabled).toMatchObject({ disabled_at: '2026-11-22T12:00:00.000Z', role: 'analyst' });
    expect(store.rows[1]!.disabled_at).toEqual(NOW);
    const enabled = await service.update(admin, account(2).id, {
      disabled: false,
      role: 'steward',
    });
    expect(enabled).toMatchObject({ disabled_at: null, role: 'steward' });
    expect(store.rows[1]).toMatchObject({ disabled_at: null, role: 'steward' });
    await expect(service.update(admin, admin.accountId, { disabled: true })).rejects.toMatchObject({
      slug: 'conflict',
    });
    expect(store.rows[0]!.disabled_at).toBeNull();
    expect(audit.entries).toEqual([
      {
        action: 'account.disabled',
        actorAccountId: admin.accountId,
        subjectAccountId: account(2).id,
      },
      {
        action: 'role.changed',
        actorAccountId: admin.accountId,
        subjectAccountId: account(2).id,
        detail: { from: 'analyst', to: 'steward' },
      },
      {
        action: 'account.enabled',
        actorAccountId: admin.accountId,
        subjectAccountId: account(2).id,
      },
    ]);
  });

  it('reads the activity of the last `days` (7 by default), shaped as the API documents', async () => {
    const store = new InMemoryAdminStore(
      [],
      [
        {
          submitted_by: account(1).id,
          email: 'a1@example.com',
          api_key_name: null,
          source: 'upload',
          jobs: 3,
          failed_jobs: 0,
          rows_read: 21,
          rows_accepted: 17,
          rows_rejected: 4,
          bytes: 1307,
          last_queued_at: NOW,
        },
      ],
    );
    const service = new AdminService(store, () => NOW, audit);
    const activity = await service.activity({});
    expect(store.since).toEqual(new Date('2026-11-15T12:00:00Z'));
    expect(activity.items[0]).toMatchObject({
      jobs: 3,
      rows: { read: 21, accepted: 17, rejected: 4 },
      last_queued_at: NOW.toISOString(),
    });
    await service.activity({ days: 30 });
    expect(store.since).toEqual(new Date('2026-10-23T12:00:00Z'));
  });
});
