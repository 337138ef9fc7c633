import { call, GatewayTestBed, newAccount, type Account } from '../testing/gateway.test-bed';
import { ROLE_SCOPES, ROUTE_ACCESS, SCOPES, type Scope } from './access';
import { type Role } from './account';

type Caller = { token: string } | { apiKey: string } | Record<string, never>;

const SAMPLE_PARAMS: Record<string, string> = {
  id: '00000000-0000-4000-8000-000000000000',
  sensorId: 'e2e-access-sensor',
  dataset: 'retail.products',
  slug: 'forbidden',
};

/** The OpenAPI path with sample values for its parameters. */
const concrete = (path: string) =>
  path.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'x');

/**
 * Walks the OpenAPI document of a running gateway and proves that every route requires exactly
 * what the access table says: no credentials → 401, a role without the route's scope → 403, an
 * API key with another scope → 403, an API key on a person-only route → 403; and that a caller
 * the table allows gets past authorization (any status but 401 and 403).
 */
describe('every route requires what the access table says', () => {
  let bed: GatewayTestBed;
  let operations: { method: string; path: string }[];
  const sessions = {} as Record<Role, string>;
  const accounts = {} as Record<Role, Account>;
  /** One key per scope, each with that scope alone (issued by the admin). */
  const keys = {} as Record<Scope, string>;
  let allScopesKey: string;

  beforeAll(async () => {
    bed = await GatewayTestBed.start();
    const docs = await call<{ paths: Record<string, Record<string, unknown>> }>(
      bed.api,
      'GET',
      '/docs-json',
    );
    operations = Object.entries(docs.body.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((method) => ({ method: method.toUpperCase(), path })),
    );
    accounts.admin = bed.admin;
    sessions.admin = await bed.token(bed.admin);
    for (const role of ['analyst', 'steward', 'ingest'] as const) {
      const account = newAccount(`access-${role}`);
      const registered = await call(bed.api, 'POST', '/v1/auth/register', { body: account });
      expect(registered.status).toBe(202);
      const id = (
        await call<{ id: string }>(bed.api, 'GET', '/v1/auth/me', {
          token: await bed.token(account),
        })
      ).body.id;
      if (role !== 'analyst') {
        const changed = await call(bed.api, 'PATCH', `/v1/admin/accounts/${id}`, {
          token: sessions.admin,
          body: { role },
        });
        expect(changed.status).toBe(200);
      }
      accounts[role] = account;
      sessions[role] = await bed.token(account);
    }
    for (const scope of SCOPES) {
      const issued = await call<{ key: string }>(bed.api, 'POST', '/v1/api-keys', {
        token: sessions.admin,
        body: { name: `only ${scope}`, role: 'admin', scopes: [scope] },
      });
      expect(issued.status).toBe(201);
      keys[scope] = issued.body.key;
    }
    const all = await call<{ key: string }>(bed.api, 'POST', '/v1/api-keys', {
      token: sessions.admin,
      body: { name: 'every scope' },
    });
    allScopesKey = all.body.key;
  }, 180_000);

  afterAll(() => bed?.stop());

  const send = (method: string, path: string, caller: Caller) =>
    call(bed.api, method, concrete(path), caller);

  /** A fresh session for routes that end it (logout), so the shared ones stay valid. */
  const sessionOf = async (role: Role, method: string, path: string) =>
    `${method} ${path}` === 'POST /v1/auth/logout'
      ? bed.token(accounts[role])
      : Promise.resolve(sessions[role]);

  it('lists every documented route in the table, and every /v1 route of the table is documented', () => {
    const documented = operations.map((o) => `${o.method} ${o.path}`);
    expect(documented.filter((route) => !Object.hasOwn(ROUTE_ACCESS, route))).toEqual([]);
    const tabled = Object.keys(ROUTE_ACCESS).filter((route) => route.includes(' /v1'));
    expect(tabled.filter((route) => !documented.includes(route))).toEqual([]);
  });

  it('refuses each route without credentials, to a role without its scope, and to a key with another scope', async () => {
    const failures: string[] = [];
    const expectStatus = (route: string, who: string, status: number, expected: number[]) => {
      if (!expected.includes(status))
        failures.push(`${route} as ${who}: ${status}, expected ${expected.join(' or ')}`);
    };
    for (const { method, path } of operations) {
      const route = `${method} ${path}`;
      const access = ROUTE_ACCESS[route]!;
      const anonymous = await send(method, path, {});
      if (access.who === 'anyone') {
        expect([401, 403]).not.toContain(anonymous.status);
        continue;
      }
      expectStatus(route, 'nobody', anonymous.status, [401]);
      expect(anonymous.body).toMatchObject({ type: '/problems/unauthorized' });

      for (const role of Object.keys(ROLE_SCOPES) as Role[]) {
        const allowed = !access.scope || ROLE_SCOPES[role].includes(access.scope);
        const reply = await send(method, path, {
          token: await sessionOf(role, method, path),
        });
        if (allowed) {
          if ([401, 403].includes(reply.status))
            failures.push(`${route} as ${role}: ${reply.status}, expected to pass authorization`);
        } else expectStatus(route, role, reply.status, [403]);
      }

      for (const scope of SCOPES) {
        const allowed = access.who !== 'person' && (!access.scope || access.scope === scope);
        const reply = await send(method, path, { apiKey: keys[scope] });
        if (allowed) {
          if ([401, 403].includes(reply.status))
            failures.push(`${route} with a ${scope} key: ${reply.status}, expected to pass`);
        } else expectStatus(route, `a ${scope} key`, reply.status, [403]);
      }
      if (access.who === 'person')
        expectStatus(
          route,
          'a key with every scope',
          (await send(method, path, { apiKey: allScopesKey })).status,
          [403],
        );
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('never lets a machine key manage keys or read its account, with either header', async () => {
    const listed = await call<{ items: { id: string }[] }>(bed.api, 'GET', '/v1/api-keys', {
      token: sessions.admin,
    });
    const someKey = listed.body.items[0]!.id;
    for (const key of [keys['ingest:sensors'], allScopesKey]) {
      const viaHeader = await call(bed.api, 'DELETE', `/v1/api-keys/${someKey}`, { apiKey: key });
      expect(viaHeader.status).toBe(403);
      const viaAuthorization = await fetch(`${bed.api}/v1/api-keys/${someKey}`, {
        method: 'DELETE',
        headers: { authorization: `ApiKey ${key}` },
      });
      expect(viaAuthorization.status).toBe(403);
      for (const [method, path] of [
        ['GET', '/v1/api-keys'],
        ['POST', '/v1/api-keys'],
        ['GET', '/v1/auth/me'],
      ] as const) {
        const reply = await fetch(`${bed.api}${path}`, {
          method,
          headers: { authorization: `ApiKey ${key}`, 'content-type': 'application/json' },
          body: method === 'POST' ? JSON.stringify({ name: 'escalation' }) : undefined,
        });
        expect({ path, status: reply.status }).toEqual({ path, status: 403 });
      }
    }
    // The key is still there: nothing above revoked it.
    const after = await call<{ items: { id: string; revoked_at: string | null }[] }>(
      bed.api,
      'GET',
      '/v1/api-keys',
      { token: sessions.admin },
    );
    expect(after.body.items.find((k) => k.id === someKey)?.revoked_at).toBeNull();
  });

  it('keeps one person’s keys and jobs from another, and a key within its scopes and datasets', async () => {
    // The analyst cannot see or revoke the admin's keys: the admin's key id is a 404 to them.
    const adminKeys = await call<{ items: { id: string }[] }>(bed.api, 'GET', '/v1/api-keys', {
      token: sessions.admin,
    });
    const theirs = adminKeys.body.items[0]!.id;
    const mine = await call<{ items: unknown[] }>(bed.api, 'GET', '/v1/api-keys', {
      token: sessions.analyst,
    });
    expect(mine.body.items).toEqual([]);
    expect(
      (await call(bed.api, 'DELETE', `/v1/api-keys/${theirs}`, { token: sessions.analyst })).status,
    ).toBe(404);

    // A person may not give a key more than their role grants.
    const wider = await call(bed.api, 'POST', '/v1/api-keys', {
      token: sessions.analyst,
      body: { name: 'wider', scopes: ['read:personal'] },
    });
    expect(wider.status).toBe(403);

    // A key limited to one dataset reads that dataset's routes only.
    const limited = await call<{ key: string; datasets: string[] }>(
      bed.api,
      'POST',
      '/v1/api-keys',
      {
        token: sessions.analyst,
        body: { name: 'products only', scopes: ['read:retail'], datasets: ['retail.products'] },
      },
    );
    expect(limited.body.datasets).toEqual(['retail.products']);
    const sales = await call(bed.api, 'GET', '/v1/retail/sales', { apiKey: limited.body.key });
    expect(sales.body).toMatchObject({
      status: 403,
      detail: 'this API key is limited to retail.products; it cannot use retail.sales',
    });
    const quality = await call(bed.api, 'GET', '/v1/quality/ev.users', {
      apiKey: limited.body.key,
    });
    expect(quality.status).toBe(403);

    // A key never does more than its owner's role allows now: demoting the owner narrows it.
    const stewardKey = await call<{ key: string }>(bed.api, 'POST', '/v1/api-keys', {
      token: sessions.steward,
      body: { name: 'personal reader', scopes: ['read:personal', 'read:ev'] },
    });
    expect(stewardKey.status).toBe(201);
    const me = await call<{ id: string }>(bed.api, 'GET', '/v1/auth/me', {
      token: sessions.steward,
    });
    const demote = (role: Role) =>
      call(bed.api, 'PATCH', `/v1/admin/accounts/${me.body.id}`, {
        token: sessions.admin,
        body: { role },
      });
    expect((await demote('ingest')).status).toBe(200);
    const read = await call(bed.api, 'GET', '/v1/ev/chargers', { apiKey: stewardKey.body.key });
    expect(read.status).toBe(403);
    // The steward's own session follows the account's role at once too.
    expect(
      (await call(bed.api, 'GET', '/v1/ev/chargers', { token: sessions.steward })).status,
    ).toBe(403);
    expect((await demote('steward')).status).toBe(200);
  });
});
