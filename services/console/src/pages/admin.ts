import { explain, type Page as ApiPage, type Role, type Session } from '../api/client';
import { field, fill, formatBytes, h, notice, pagerButtons, select, table } from '../lib/dom';
import { type Page } from './page';

interface Account {
  id: string;
  email: string;
  role: Role;
  created_at: string;
  active_api_keys: number;
}
interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}
interface Activity {
  email: string | null;
  api_key_name: string | null;
  submitted_by: string | null;
  source: string | null;
  jobs: number;
  failed_jobs: number;
  rows: { read: number; accepted: number; rejected: number };
  bytes: number;
  last_queued_at: string | null;
}

const ROLES: Role[] = ['analyst', 'steward', 'ingest', 'admin'];
const ROLE_HELP =
  'analyst: reads data, personal data masked; steward: reads data with names, e-mails and phones; ingest: sends data; admin: everything';
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en-GB') : '—');

function accountsSection(session: Session): HTMLElement {
  const holder = h('div');
  const status = h('div', { 'aria-live': 'polite' });
  const cursors: (string | undefined)[] = [undefined];
  const show = async () => {
    try {
      const page = await session.get<ApiPage<Account>>('/v1/admin/accounts', {
        limit: 25,
        cursor: cursors.at(-1),
      });
      fill(
        holder,
        table('Accounts', ['Email', 'Role', 'API keys', 'Created'], page.items, (a) => {
          const role = select(ROLES, a.role, {
            'aria-label': `Role of ${a.email}`,
            disabled: a.id === session.me?.id,
          });
          role.addEventListener('change', () => {
            session
              .send<Account>('PATCH', `/v1/admin/accounts/${a.id}`, { role: role.value })
              .then((updated) =>
                fill(
                  status,
                  notice(
                    'success',
                    `${updated.email} is now ${updated.role}, from their next request on.`,
                  ),
                ),
              )
              .catch((error: unknown) => {
                role.value = a.role;
                fill(status, notice('error', explain(error)));
              });
          });
          return [a.email, role, String(a.active_api_keys), when(a.created_at)];
        }),
        h('div', { class: 'actions' }, ...pagerButtons(cursors, page.next_cursor, show)),
      );
    } catch (error) {
      fill(holder, notice('error', explain(error)));
    }
  };
  void show();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'accounts-title' },
    h('h2', { id: 'accounts-title' }, 'Accounts and roles'),
    h('p', { class: 'muted' }, ROLE_HELP),
    status,
    holder,
  );
}

function keysSection(session: Session): HTMLElement {
  const list = h('div');
  const status = h('div', { 'aria-live': 'polite' });
  const name = h('input', {
    name: 'key-name',
    required: true,
    maxlength: 100,
    placeholder: 'e.g. greenhouse uplink',
  });
  const role = select(ROLES, 'ingest', { name: 'key-role' });
  const expires = h('input', { name: 'key-expires', type: 'date' });
  const create = h('button', { type: 'submit' }, 'Create key');
  const refresh = async () => {
    try {
      const page = await session.get<ApiPage<ApiKey>>('/v1/api-keys');
      fill(
        list,
        table(
          'Your API keys',
          ['Name', 'Prefix', 'Scope (role)', 'Created', 'Expires', 'State', ''],
          page.items,
          (k) => [
            k.name,
            h('code', {}, k.prefix),
            k.role,
            when(k.created_at),
            when(k.expires_at),
            k.revoked_at ? `revoked ${when(k.revoked_at)}` : 'active',
            k.revoked_at
              ? ''
              : h(
                  'button',
                  {
                    type: 'button',
                    class: 'danger',
                    'aria-label': `Revoke ${k.name}`,
                    onclick: () => {
                      session
                        .send('DELETE', `/v1/api-keys/${k.id}`)
                        .then(() =>
                          fill(
                            status,
                            notice(
                              'success',
                              `${k.name} is revoked; every gateway refuses it within 10 s.`,
                            ),
                          ),
                        )
                        .then(refresh)
                        .catch((error: unknown) => fill(status, notice('error', explain(error))));
                    },
                  },
                  'Revoke',
                ),
          ],
        ),
      );
    } catch (error) {
      fill(list, notice('error', explain(error)));
    }
  };
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'New API key' },
    field('Name', name),
    field('Scope (role)', role, ROLE_HELP),
    field('Expires (optional)', expires),
    h('div', { class: 'field' }, create),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    create.disabled = true;
    session
      .send<ApiKey & { key: string }>('POST', '/v1/api-keys', {
        name: name.value.trim(),
        role: role.value,
        ...(expires.value ? { expires_at: `${expires.value}T00:00:00Z` } : {}),
      })
      .then((issued) => {
        const secret = h('input', {
          readonly: true,
          value: issued.key,
          class: 'mono',
          'aria-label': 'The new key',
          'data-secret': 'api-key',
        });
        const copy = h('button', { type: 'button', class: 'secondary' }, 'Copy');
        copy.addEventListener(
          'click',
          () =>
            void navigator.clipboard
              ?.writeText(issued.key)
              .then(() => (copy.textContent = 'Copied')),
        );
        fill(
          status,
          notice(
            'success',
            h(
              'p',
              {},
              `Key “${issued.name}” (${issued.role}) created. Copy it now: it is shown this once and never again.`,
            ),
            h('div', { class: 'secret' }, secret, copy),
          ),
        );
        secret.select();
        name.value = '';
        return refresh();
      })
      .catch((error: unknown) => fill(status, notice('error', explain(error))))
      .finally(() => (create.disabled = false));
  });
  void refresh();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'keys-title' },
    h('h2', { id: 'keys-title' }, 'API keys'),
    h(
      'p',
      { class: 'muted' },
      'For machines: sent as the X-API-Key header. A key acts with its scope.',
    ),
    form,
    status,
    list,
  );
}

function activitySection(session: Session): HTMLElement {
  const holder = h('div');
  const days = select(['1', '7', '30', '90'], '7', { name: 'days' });
  const show = async () => {
    try {
      const activity = await session.get<{ items: Activity[] }>('/v1/admin/ingest-activity', {
        days: days.value,
      });
      fill(
        holder,
        table(
          `Ingest over the last ${days.value} day(s), most recent first`,
          [
            'Who',
            'Source',
            'Jobs',
            'Failed',
            'Rows read',
            'Accepted',
            'Rejected',
            'Bytes',
            'Last file',
          ],
          activity.items,
          (a) => [
            a.api_key_name
              ? `${a.email ?? '?'} (key ${a.api_key_name})`
              : (a.email ?? a.submitted_by ?? '—'),
            a.source ?? '—',
            String(a.jobs),
            String(a.failed_jobs),
            String(a.rows.read),
            String(a.rows.accepted),
            String(a.rows.rejected),
            formatBytes(a.bytes),
            when(a.last_queued_at),
          ],
        ),
      );
    } catch (error) {
      fill(holder, notice('error', explain(error)));
    }
  };
  days.addEventListener('change', () => void show());
  void show();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'activity-title' },
    h('h2', { id: 'activity-title' }, 'Ingest activity'),
    h('form', { class: 'filters', 'aria-label': 'Activity window' }, field('Days', days)),
    holder,
  );
}

export const adminPage: Page = ({ session, main }) => {
  fill(
    main,
    h('h1', {}, 'Admin'),
    accountsSection(session),
    keysSection(session),
    activitySection(session),
  );
};
