import { type EventBus } from '@tributary/platform';
import { type AuditOutbox, type OutboxRecord } from './audit-log';
import { IdentityEventsPublisher } from './identity-events.publisher';

const record = (id: number): OutboxRecord => ({
  id: String(id),
  eventId: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
  at: new Date('2026-12-07T10:00:00Z'),
  action: 'login.failed',
  actorAccountId: null,
  actorApiKeyId: null,
  subjectAccountId: null,
  email: `user${id}@example.com`,
  clientIp: '10.0.0.1',
  detail: { reason: 'unknown_account' },
});

/** An outbox in memory: rows leave it only when the publish given to `drain` resolved. */
class MemoryOutbox implements AuditOutbox {
  constructor(public pending: OutboxRecord[]) {}
  async drain(limit: number, publish: (records: OutboxRecord[]) => Promise<void>) {
    const batch = this.pending.slice(0, limit);
    if (batch.length === 0) return 0;
    await publish(batch);
    this.pending = this.pending.slice(batch.length);
    return batch.length;
  }
}

describe('IdentityEventsPublisher', () => {
  it('leaves the rows in the outbox while Kafka refuses, waits longer each time, then publishes them all in order', async () => {
    const outbox = new MemoryOutbox([1, 2, 3].map(record));
    const published: { topic: string; subjects: string[] }[] = [];
    let kafkaUp = false;
    const bus = {
      publish: (topic: string, events: readonly { subject: string }[]) => {
        if (!kafkaUp) return Promise.reject(new Error('Kafka is down'));
        published.push({ topic, subjects: events.map((e) => e.subject) });
        return Promise.resolve();
      },
    } as unknown as EventBus;
    const publisher = new IdentityEventsPublisher(outbox, bus, { pollMs: 1000, batch: 2 });

    expect(await publisher.drain()).toBe(2000);
    expect(await publisher.drain()).toBe(4000);
    expect(outbox.pending.map((r) => r.id)).toEqual(['1', '2', '3']);

    kafkaUp = true;
    expect(await publisher.drain()).toBe(1000);
    expect(outbox.pending).toEqual([]);
    expect(published).toEqual([
      {
        topic: 'identity.account-events',
        subjects: ['user1@example.com', 'user2@example.com'],
      },
      { topic: 'identity.account-events', subjects: ['user3@example.com'] },
    ]);
  });
});
