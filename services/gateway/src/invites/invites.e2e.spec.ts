import { call, GatewayTestBed, newAccount } from '../testing/gateway.test-bed';

interface InviteView {
  id: string;
  role: string;
  note: string | null;
  state: string;
  created_by: string;
  used_by: string | null;
  revoked_at: string | null;
}

interface AuditEvent {
  action: string;
  actor_account_id: string | null;
  subject_account_id: string | null;
  email: string | null;
  detail: Record<string, unknown>;
}

/**
 * Invite-only registration through the public API, against the real stack: an admin invites,
 * the invitee registers once with the invite's role, and every other attempt gets the one
 * answer and no account.
 */
describe('invites', () => {
  let bed: GatewayTestBed;
  let api: string;
  let adminToken: string;
  let adminId: string;
  const same = {
    status: 'accepted',
    detail:
      "if the invite is valid and unused and no account uses this address, one was created with this password and the invite's role: sign in with it",
  };

  beforeAll(async () => {
    bed = await GatewayTestBed.start();
    api = await bed.startGateway({ REGISTRATION: 'invite-only' });
    adminToken = await bed.token(bed.admin);
    adminId = (await call<{ id: string }>(api, 'GET', '/v1/auth/me', { token: adminToken })).body
      .id;
  }, 180_000);

  afterAll(() => bed?.stop());

  const invite = (body: Record<string, unknown>, token = adminToken, base = api) =>
    call<InviteView & { token: string }>(base, 'POST', '/v1/admin/invites', { token, body });
  const register = (body: { email: string; password: string; invite?: string }) =>
    call(api, 'POST', '/v1/auth/register', { body });
  const login = (account: { email: string; password: string }) =>
    call(api, 'POST', '/v1/auth/login', { body: account });
  const audit = async (action: string, inviteId: string) =>
    (
      await call<{ items: AuditEvent[] }>(
        api,
        'GET',
        `/v1/admin/audit?action=${action}&limit=500`,
        { token: adminToken },
      )
    ).body.items.filter((e) => e.detail['invite_id'] === inviteId);

  it("registers the invitee once, with the invite's role; no invite, a wrong, spent or revoked one get the same answer and no account", async () => {
    const created = await invite({ role: 'steward', note: 'e2e steward' });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body).toMatchObject({
      role: 'steward',
      note: 'e2e steward',
      state: 'pending',
      created_by: adminId,
      used_by: null,
    });
    expect(created.body.token).toMatch(/^trb_inv_[A-Za-z0-9_-]{43}$/);

    const nobody = newAccount('uninvited');
    const guesser = newAccount('guesser');
    const invitee = newAccount('invitee');
    const replayer = newAccount('replayer');
    for (const body of [
      nobody,
      { ...guesser, invite: `${created.body.token.slice(0, -1)}x` },
      { ...invitee, invite: created.body.token },
      { ...replayer, invite: created.body.token },
    ]) {
      const reply = await register(body);
      expect({ status: reply.status, body: reply.body }).toEqual({ status: 202, body: same });
    }
    expect((await login(nobody)).status).toBe(401);
    expect((await login(guesser)).status).toBe(401);
    expect((await login(replayer)).status).toBe(401);
    const signedIn = await login(invitee);
    expect(signedIn.status).toBe(200);
    const me = await call<{ id: string; role: string }>(api, 'GET', '/v1/auth/me', {
      token: (signedIn.body as { access_token: string }).access_token,
    });
    expect(me.body.role).toBe('steward');

    // Revoked before use: it creates nothing either.
    const revoked = await invite({ role: 'admin' });
    expect(
      (await call(api, 'DELETE', `/v1/admin/invites/${revoked.body.id}`, { token: adminToken }))
        .status,
    ).toBe(204);
    const late = newAccount('late');
    expect((await register({ ...late, invite: revoked.body.token })).body).toEqual(same);
    expect((await login(late)).status).toBe(401);

    // The list shows each with its state (oldest first, page after page).
    const listed = new Map<string, InviteView>();
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { status: number; body: { items: InviteView[]; next_cursor: string | null } } =
        await call(api, 'GET', `/v1/admin/invites?limit=500${cursor ? `&cursor=${cursor}` : ''}`, {
          token: adminToken,
        });
      expect(page.status).toBe(200);
      for (const item of page.body.items) listed.set(item.id, item);
      cursor = page.body.next_cursor;
    }
    expect(listed.get(created.body.id)).toMatchObject({ state: 'used', used_by: me.body.id });
    expect(listed.get(revoked.body.id)).toMatchObject({ state: 'revoked', used_by: null });
    expect(JSON.stringify([...listed.values()])).not.toContain('trb_inv_');

    // Each step is in the audit log, naming its invite.
    expect(
      (await audit('invite.created', created.body.id)).map((e) => [
        e.actor_account_id,
        e.detail['role'],
      ]),
    ).toEqual([[adminId, 'steward']]);
    expect(
      (await audit('invite.used', created.body.id)).map((e) => [
        e.subject_account_id,
        e.email,
        e.detail['account_created'],
      ]),
    ).toEqual([[me.body.id, invitee.email, true]]);
    expect(
      (await audit('invite.revoked', revoked.body.id)).map((e) => [
        e.actor_account_id,
        e.detail['role'],
      ]),
    ).toEqual([[adminId, 'admin']]);
  });

  it('refuses what an invite cannot be: used ones revoked, past expiries, non-admins, registration off', async () => {
    const used = await invite({ role: 'analyst' });
    await register({ ...newAccount('spender'), invite: used.body.token });
    const again = await call(api, 'DELETE', `/v1/admin/invites/${used.body.id}`, {
      token: adminToken,
    });
    expect(again.body).toMatchObject({
      status: 409,
      detail: 'the invite was already used; disable the account it created instead',
    });
    expect(
      (
        await call(api, 'DELETE', '/v1/admin/invites/0f8fad5b-d9cb-469f-a165-70867728950e', {
          token: adminToken,
        })
      ).status,
    ).toBe(404);
    const past = await invite({ role: 'analyst', expires_at: '2020-01-01T00:00:00Z' });
    expect(past.body).toMatchObject({
      status: 400,
      detail: 'expires_at must be in the future and at most 30 days ahead',
    });
    const tooFar = await invite({ role: 'analyst', expires_at: '2099-01-01T00:00:00Z' });
    expect(tooFar.status).toBe(400);
    expect((await invite({ role: 'analyst', extra: true })).status).toBe(400);

    // A steward (made by invite) may not invite.
    const steward = newAccount('steward');
    const stewardInvite = await invite({ role: 'steward' });
    await register({ ...steward, invite: stewardInvite.body.token });
    const stewardToken = await bed.token(steward);
    expect((await invite({ role: 'admin' }, stewardToken)).status).toBe(403);

    const closed = await bed.startGateway({ REGISTRATION: 'off' });
    const refused = await invite({ role: 'analyst' }, adminToken, closed);
    expect(refused.body).toMatchObject({
      status: 409,
      detail: 'registration is off here (REGISTRATION=off), so an invite could not be used',
    });
  });
});
