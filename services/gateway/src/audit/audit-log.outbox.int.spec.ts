import { postgresConfigSchema } from '@tributary/platform';
import {
  createPostgresDatabase,
  dropPostgresDatabase,
  stackConfig,
  uniqueName,
} from '@tributary/testing';
import { type DataSource } from 'typeorm';
import { createGatewayDataSource, migrateGateway } from '../migrate';
import { type OutboxRecord } from './audit-log';
import { PostgresAuditLog } from './audit-log.postgres-store';

/**
 * The audit log as the identity events' outbox, on a Postgres database of its own made by the
 * gateway's migrations: what was not published (Kafka down) is handed over again, in order, and
 * only what was published is marked.
 */
describe('the audit log as an outbox', () => {
  const stack = stackConfig(postgresConfigSchema);
  const database = uniqueName('gateway_outbox');
  let db: DataSource;
  let log: PostgresAuditLog;

  beforeAll(async () => {
    const url = await createPostgresDatabase(stack.DATABASE_URL, database);
    db = createGatewayDataSource({ DATABASE_URL: url } as Parameters<
      typeof createGatewayDataSource
    >[0]);
    await db.initialize();
    await migrateGateway(db);
    log = new PostgresAuditLog(db);
  });

  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
    await dropPostgresDatabase(stack.DATABASE_URL, database);
  });

  it('keeps what Kafka did not take, hands it over again in order, and marks only what was published', async () => {
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com'])
      await log.record({
        action: 'login.failed',
        actorAccountId: null,
        subjectAccountId: null,
        email,
        clientIp: '10.0.0.1',
        detail: { reason: 'unknown_account' },
      });

    const down = log.drain(2, () => Promise.reject(new Error('Kafka is down')));
    await expect(down).rejects.toThrow('Kafka is down');

    const handed: OutboxRecord[][] = [];
    const take = (records: OutboxRecord[]) => {
      handed.push(records);
      return Promise.resolve();
    };
    expect(await log.drain(2, take)).toBe(2);
    expect(await log.drain(2, take)).toBe(1);
    expect(await log.drain(2, take)).toBe(0);
    expect(handed.map((batch) => batch.map((r) => r.email))).toEqual([
      ['a@example.com', 'b@example.com'],
      ['c@example.com'],
    ]);
    const eventIds = handed.flat().map((r) => r.eventId);
    expect(new Set(eventIds).size).toBe(3);
    eventIds.forEach((id) => expect(id).toMatch(/^[0-9a-f-]{36}$/));

    // While one replica drains, another hands over nothing (and publishes nothing twice).
    await log.record({ action: 'logout', actorAccountId: null, subjectAccountId: null });
    let inner = -1;
    const outer = await log.drain(10, async () => {
      inner = await log.drain(10, () => Promise.reject(new Error('must not be called')));
    });
    expect({ outer, inner }).toEqual({ outer: 1, inner: 0 });
  });
});
