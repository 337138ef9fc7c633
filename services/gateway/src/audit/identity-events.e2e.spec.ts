import { EventCodec, type TributaryIdentity } from '@tributary/contracts';
import { createKafka, createLogger } from '@tributary/platform';
import { readFrom, topicEnd, uniqueName, waitFor } from '@tributary/testing';
import { type Consumer } from 'kafkajs';
import { call, GatewayTestBed, newAccount } from '../testing/gateway.test-bed';

interface AuditEvent {
  id: string;
  at: string;
  action: string;
}

const TOPIC = 'identity.account-events';

/**
 * Identity events through the real stack: what a person and an admin do at the gateway is
 * published on `identity.account-events`, one event per audit row, read back from Kafka.
 */
describe('identity events on Kafka', () => {
  let bed: GatewayTestBed;
  let consumer: Consumer | undefined;
  const seen: TributaryIdentity.AccountEventRecorded[] = [];
  /** Where each was read in the topic (an order failure then shows it). */
  const offsets = new Map<TributaryIdentity.AccountEventRecorded, string>();

  beforeAll(async () => {
    bed = await GatewayTestBed.start();
  }, 180_000);

  afterAll(async () => {
    await consumer?.disconnect();
    await bed?.stop();
  });

  it('publishes sign-ins, failures, keys, role changes and disabling, field for field as the audit log has them', async () => {
    const { api, config } = bed;
    const kafka = createKafka(config, 'gateway-e2e', createLogger('test', 'warn'));
    const codec = new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL });
    const start = await topicEnd(kafka, TOPIC);
    const person = newAccount('evented');
    const stranger = `${uniqueName('stranger')}@e2e.test`;

    expect((await call(api, 'POST', '/v1/auth/register', { body: person })).status).toBe(202);
    const login = await call<{ access_token: string }>(api, 'POST', '/v1/auth/login', {
      body: person,
    });
    const token = login.body.access_token;
    const sid = (
      JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sid: string }
    ).sid;
    const me = await call<{ id: string }>(api, 'GET', '/v1/auth/me', { token });
    const id = me.body.id;
    const wrong = { ...person, password: 'not the password at all' };
    expect((await call(api, 'POST', '/v1/auth/login', { body: wrong })).status).toBe(401);
    const unknown = { email: stranger, password: 'not the password at all' };
    expect((await call(api, 'POST', '/v1/auth/login', { body: unknown })).status).toBe(401);
    const key = await call<{ id: string; prefix: string }>(api, 'POST', '/v1/api-keys', {
      token,
      body: { name: 'evented key', scopes: ['read:ev'] },
    });
    expect(key.status).toBe(201);
    expect((await call(api, 'DELETE', `/v1/api-keys/${key.body.id}`, { token })).status).toBe(204);
    const adminToken = await bed.token(bed.admin);
    const adminId = (await call<{ id: string }>(api, 'GET', '/v1/auth/me', { token: adminToken }))
      .body.id;
    const changed = await call(api, 'PATCH', `/v1/admin/accounts/${id}`, {
      token: adminToken,
      body: { role: 'steward', disabled: true },
    });
    expect(changed.status).toBe(200);

    consumer = await readFrom(kafka, start, async (message) => {
      if (!message.value) return;
      const event = await codec.decode(TOPIC, message.value);
      if (event.subject !== id && event.subject !== stranger) return;
      seen.push(event);
      offsets.set(event, message.offset);
    });
    await waitFor('the eight events on Kafka', async () => (seen.length >= 8 ? true : undefined));

    // The audit log's rows for the same acts: each event is one of them.
    const audit = await call<{ items: AuditEvent[] }>(
      api,
      'GET',
      `/v1/admin/audit?account_id=${id}&limit=500`,
      { token: adminToken },
    );
    const rows = [...audit.body.items].reverse();
    const strangerRow = (
      await call<{ items: (AuditEvent & { email: string })[] }>(
        api,
        'GET',
        '/v1/admin/audit?action=login.failed&limit=500',
        { token: adminToken },
      )
    ).body.items.find((row) => row.email === stranger)!;
    const byAction = (action: string) => rows.find((row) => row.action === action)!;

    const none = {
      actor_account_id: null,
      actor_api_key_id: null,
      subject_account_id: null,
      email: null,
      client_ip: null,
      role: null,
      previous_role: null,
      api_key_id: null,
      invite_id: null,
      session_id: null,
      reason: null,
    };
    const keyDetail = {
      key_id: key.body.id,
      name: 'evented key',
      prefix: key.body.prefix,
      role: 'analyst',
      scopes: ['read:ev'],
      datasets: null,
      expires_at: null,
    };
    const expected = [
      {
        ...none,
        action: 'account.registered',
        subject: id,
        actor_account_id: id,
        subject_account_id: id,
        email: person.email,
        role: 'analyst',
        detail: { role: 'analyst' },
      },
      {
        ...none,
        action: 'login.succeeded',
        subject: id,
        actor_account_id: id,
        subject_account_id: id,
        email: person.email,
        client_ip: '127.0.0.1',
        session_id: sid,
        detail: { session_id: sid },
      },
      {
        ...none,
        action: 'login.failed',
        subject: id,
        subject_account_id: id,
        email: person.email,
        client_ip: '127.0.0.1',
        reason: 'bad_password',
        detail: { reason: 'bad_password' },
      },
      {
        ...none,
        action: 'login.failed',
        subject: stranger,
        email: stranger,
        client_ip: '127.0.0.1',
        reason: 'unknown_account',
        detail: { reason: 'unknown_account' },
      },
      {
        ...none,
        action: 'key.issued',
        subject: id,
        actor_account_id: id,
        subject_account_id: id,
        role: 'analyst',
        api_key_id: key.body.id,
        detail: keyDetail,
      },
      {
        ...none,
        action: 'key.revoked',
        subject: id,
        actor_account_id: id,
        subject_account_id: id,
        api_key_id: key.body.id,
        detail: { key_id: key.body.id, name: 'evented key', prefix: key.body.prefix },
      },
      {
        ...none,
        action: 'role.changed',
        subject: id,
        actor_account_id: adminId,
        subject_account_id: id,
        role: 'steward',
        previous_role: 'analyst',
        detail: { from: 'analyst', to: 'steward' },
      },
      {
        ...none,
        action: 'account.disabled',
        subject: id,
        actor_account_id: adminId,
        subject_account_id: id,
        detail: {},
      },
    ];
    const sorted = [...seen].sort((a, b) => a.audit_id - b.audit_id);
    expect(
      sorted.map(({ metadata: _, audit_id: __, detail, ...event }) => ({
        ...event,
        detail: JSON.parse(detail) as unknown,
      })),
    ).toEqual(expected);

    // Each event is its audit row: the same id and time, an event id of its own.
    const rowOf = (event: TributaryIdentity.AccountEventRecorded) =>
      event.subject === stranger ? strangerRow : byAction(event.action);
    for (const event of sorted)
      expect({ id: String(event.audit_id), at: event.metadata.occurred_at.toISOString() }).toEqual({
        id: rowOf(event).id,
        at: rowOf(event).at,
      });
    expect(new Set(sorted.map((e) => e.metadata.event_id)).size).toBe(8);
    // Published once each, and one account's events in the log's order (the topic's key is the
    // subject: events of different subjects may interleave).
    // Each shown as `audit id @ topic offset (from the start offsets)`, so a failure's diff says
    // whether the topic holds them out of order or the reader read them so.
    const mine = seen
      .filter((e) => e.subject === id)
      .map((e) => ({
        id: e.audit_id,
        at: `${e.audit_id} @ ${offsets.get(e)} (from ${JSON.stringify(start.offsets)})`,
      }));
    expect(mine.map((e) => e.at)).toEqual([...mine].sort((a, b) => a.id - b.id).map((e) => e.at));
  });
});
