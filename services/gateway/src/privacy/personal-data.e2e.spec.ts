import { type ClientView } from '../banking/banking.dto';
import { type TransactionView, type UserView } from '../ev/ev.dto';
import { type QualityReport } from '../quality/quality.dto';
import { datasetApiBed } from '../testing/dataset-api.test-bed';
import { call, newAccount } from '../testing/gateway.test-bed';

jest.setTimeout(120_000);

type Page<T> = { items: T[]; next_cursor: string | null };

/** The masks as docs/security.md states them, written out here independently of the code. */
const name = (text: string) => `${[...text][0]}***`;
const email = (text: string) => {
  const [local, domain] = text.split(/@(?=[^@]*$)/) as [string, string];
  const dot = domain.lastIndexOf('.');
  return dot > 0
    ? `${name(local)}@${name(domain.slice(0, dot))}${domain.slice(dot)}`
    : `${name(local)}@${name(domain)}`;
};
const phone = (text: string) => `***${text.replace(/\D/g, '').slice(-2)}`;

/**
 * An attacker's first move: register, sign in, read everything. Generated EV and bank data go
 * through the deployed pipeline; a self-registered account then reads every route that returns
 * personal data and finds it masked, its filters refused, other people's jobs invisible; a
 * steward (granted by an admin) reads the same data whole.
 */
describe('personal data is a permission', () => {
  const bed = datasetApiBed('privacy-e2e', {
    datasets: ['ev.users', 'ev.chargers', 'ev.transactions', 'banking.clients'],
    anomalyRate: 0.2,
  });
  let self: string;
  let steward: string;

  const get = <T>(path: string, token: string) => call<T>(bed.api, 'GET', path, { token });
  const all = async <T>(path: string, token: string): Promise<T[]> => {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const reply: { status: number; body: Page<T> } = await get<Page<T>>(
        cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path,
        token,
      );
      expect(reply.status).toBe(200);
      items.push(...reply.body.items);
      cursor = reply.body.next_cursor;
    } while (cursor);
    return items;
  };
  const signUp = async (prefix: string) => {
    const account = newAccount(prefix);
    const registered = await call(bed.api, 'POST', '/v1/auth/register', { body: account });
    expect(registered.status).toBe(202);
    const login = await call<{ access_token: string }>(bed.api, 'POST', '/v1/auth/login', {
      body: account,
    });
    const token = login.body.access_token;
    const me = await call<{ id: string; role: string }>(bed.api, 'GET', '/v1/auth/me', { token });
    return { id: me.body.id, role: me.body.role, token };
  };

  beforeAll(async () => {
    const registered = await signUp('privacy-self');
    expect(registered.role).toBe('analyst');
    self = registered.token;
    const promoted = await signUp('privacy-steward');
    const patched = await call(bed.api, 'PATCH', `/v1/admin/accounts/${promoted.id}`, {
      token: bed.token,
      body: { role: 'steward' },
    });
    expect(patched.status).toBe(200);
    steward = promoted.token;
  });

  it('masks EV users for a self-registered account and refuses its filters on personal fields', async () => {
    const truth = (await bed.all<UserView>('/v1/ev/users')).filter((u) => bed.ours(u.user_id));
    expect(truth.length).toBeGreaterThan(0);
    const seen = new Map(
      (await all<UserView>('/v1/ev/users', self)).map((u) => [u.user_id, u] as const),
    );
    for (const user of truth)
      expect(seen.get(user.user_id)).toEqual({
        ...user,
        first_name: name(user.first_name),
        last_name: name(user.last_name),
        email: user.email === null ? null : email(user.email),
        phone: user.phone === null ? null : phone(user.phone),
      });
    const page = JSON.stringify([...seen.values()]);
    for (const user of truth) if (user.email) expect(page).not.toContain(user.email);

    const someone = truth.find((u) => u.email)!;
    for (const [filter, value] of [
      ['email', someone.email!.slice(0, 3)],
      ['first_name', someone.first_name.slice(0, 1)],
      ['last_name', someone.last_name.slice(0, 1)],
    ] as const) {
      const reply = await get(`/v1/ev/users?${filter}=${encodeURIComponent(value)}`, self);
      expect({
        filter,
        status: reply.status,
        type: (reply.body as { type?: string }).type,
      }).toEqual({ filter, status: 403, type: '/problems/forbidden' });
    }
    // The user id is not personal data: it still filters.
    const one = await get<Page<UserView>>(`/v1/ev/users?user_id=${someone.user_id}`, self);
    expect(one.body.items.map((u) => u.user_id)).toEqual([someone.user_id]);
  });

  it('masks the user joined into each charging session', async () => {
    const truth = new Map(
      (await bed.all<TransactionView>('/v1/ev/transactions'))
        .filter((t) => bed.ours(t.transaction_id))
        .map((t) => [t.event_id, t] as const),
    );
    const seen = (await all<TransactionView>('/v1/ev/transactions', self)).filter((t) =>
      truth.has(t.event_id),
    );
    expect(seen.length).toBe(truth.size);
    expect(seen.filter((t) => t.user !== null).length).toBeGreaterThan(0);
    for (const session of seen) {
      const { user } = truth.get(session.event_id)!;
      expect(session.user).toEqual(
        user === null
          ? null
          : {
              first_name: name(user.first_name),
              last_name: name(user.last_name),
              email: user.email === null ? null : email(user.email),
            },
      );
    }
  });

  it('masks bank clients and refuses filters on their name and e-mail', async () => {
    const truth = (await bed.all<ClientView>('/v1/banking/clients')).filter((c) =>
      bed.ours(c.client_id),
    );
    expect(truth.length).toBeGreaterThan(0);
    const seen = new Map(
      (await all<ClientView>('/v1/banking/clients', self)).map((c) => [c.client_id, c] as const),
    );
    for (const client of truth)
      expect(seen.get(client.client_id)).toEqual({
        ...client,
        name: name(client.name),
        email: client.email === null ? null : email(client.email),
      });
    const someone = truth.find((c) => c.email)!;
    for (const filter of [`name=${name(someone.name)[0]}`, `email=${someone.email![0]}`])
      expect((await get(`/v1/banking/clients?${filter}`, self)).status).toBe(403);
  });

  it("shows a self-registered account none of the admin's jobs or rejected rows", async () => {
    const jobs = [...bed.jobs.values()];
    const listed = await all<{ job_id: string }>('/v1/jobs', self);
    expect(listed).toEqual([]);
    for (const job of jobs) {
      expect((await get(`/v1/jobs/${job.job_id}`, self)).status).toBe(404);
      expect((await get(`/v1/jobs/${job.job_id}/rejections`, self)).status).toBe(404);
    }
  });

  it("masks the quality report's rejected rows and personal examples; a steward reads them whole", async () => {
    const rejected = bed.jobs.get('ev.transactions')!;
    expect(rejected.rows.rejected).toBeGreaterThan(0);
    const prefix = `?id_prefix=${encodeURIComponent(bed.prefix)}`;
    for (const dataset of ['ev.transactions', 'ev.users', 'banking.clients']) {
      const whole = await get<QualityReport>(`/v1/quality/${dataset}${prefix}`, bed.token);
      const masked = await get<QualityReport>(`/v1/quality/${dataset}${prefix}`, self);
      expect(masked.status).toBe(200);
      const examples = (r: QualityReport) => r.rejections.reasons.flatMap((x) => x.examples);
      expect(examples(masked.body).length).toBe(examples(whole.body).length);
      if (dataset === 'ev.transactions') expect(examples(whole.body).length).toBeGreaterThan(0);
      for (const example of examples(masked.body)) expect(example.raw).toBe('***');
      expect(examples(masked.body).every((e) => !/, got "/.test(e.reason))).toBe(true);
      expect(await get<QualityReport>(`/v1/quality/${dataset}${prefix}`, steward)).toMatchObject({
        status: 200,
        body: { rejections: whole.body.rejections },
      });
    }
    const rawRows = await get<Page<{ raw: string }>>(
      `/v1/jobs/${rejected.job_id}/rejections`,
      steward,
    );
    const adminRows = await get<Page<{ raw: string }>>(
      `/v1/jobs/${rejected.job_id}/rejections`,
      bed.token,
    );
    expect(rawRows.body.items.length).toBeGreaterThan(0);
    expect(rawRows.body).toEqual(adminRows.body);
    expect(rawRows.body.items.every((r) => r.raw !== '***')).toBe(true);
  });

  it('lets a steward read EV users and bank clients unmasked, and filter by e-mail', async () => {
    const truth = (await bed.all<UserView>('/v1/ev/users')).filter((u) => bed.ours(u.user_id));
    const someone = truth.find((u) => u.email)!;
    const found = await get<Page<UserView>>(
      `/v1/ev/users?email=${encodeURIComponent(someone.email!)}`,
      steward,
    );
    expect(found.body.items).toContainEqual(someone);
    const clients = (await bed.all<ClientView>('/v1/banking/clients')).filter((c) =>
      bed.ours(c.client_id),
    );
    const seen = (await all<ClientView>('/v1/banking/clients', steward)).filter((c) =>
      bed.ours(c.client_id),
    );
    expect(seen).toEqual(clients);
  });
});
