import { type EachBatchPayload, type Kafka } from 'kafkajs';
import { createLogger } from '../logging/logger';
import { BatchConsumer } from './batch-consumer';

/**
 * The group-membership rule of deferred commits, against a stand-in for the kafkajs consumer
 * (what the broker would do is the system tests' scenario 4): an offset handled before the member
 * joined its group again is never committed, whoever owns its partition now.
 */
function standIn() {
  const listeners = new Map<string, (event: unknown) => void>();
  const commits: { topic: string; partition: number; offset: string }[][] = [];
  let eachBatch: ((payload: EachBatchPayload) => Promise<void>) | undefined;
  let refuse: Error | undefined;
  const consumer = {
    events: {
      GROUP_JOIN: 'consumer.group_join',
      HEARTBEAT: 'consumer.heartbeat',
      CRASH: 'consumer.crash',
    },
    on: (event: string, listener: (event: unknown) => void) => listeners.set(event, listener),
    connect: async () => undefined,
    subscribe: async () => undefined,
    run: async (config: { eachBatch: (payload: EachBatchPayload) => Promise<void> }) => {
      eachBatch = config.eachBatch;
    },
    commitOffsets: async (offsets: { topic: string; partition: number; offset: string }[]) => {
      if (refuse) {
        const error = refuse;
        refuse = undefined;
        throw error;
      }
      commits.push(offsets);
    },
    disconnect: async () => undefined,
  };
  const producer = { connect: async () => undefined, disconnect: async () => undefined };
  const kafka = { consumer: () => consumer, producer: () => producer } as unknown as Kafka;
  return {
    kafka,
    commits,
    join: () => listeners.get('consumer.group_join')?.({}),
    heartbeat: () => listeners.get('consumer.heartbeat')?.({}),
    refuseNextCommit: (error: Error) => (refuse = error),
    deliver: (partition: number, offset: number) =>
      eachBatch!({
        batch: {
          topic: 't',
          partition,
          highWatermark: String(offset + 1),
          messages: [{ offset: String(offset), key: null, value: Buffer.from('x'), headers: {} }],
        },
        resolveOffset: () => undefined,
        heartbeat: async () => undefined,
        isRunning: () => true,
        isStale: () => false,
      } as unknown as EachBatchPayload),
  };
}

const consumerOf = (kafka: Kafka, flushes: { count: number }) =>
  new BatchConsumer(
    kafka,
    {
      groupId: 'g',
      topics: ['t'],
      maxChunk: 10,
      handler: async () => [],
      deferred: {
        intervalMs: 3_600_000, // flushed by hand (stop) only
        flush: async () => {
          flushes.count++;
          return true;
        },
      },
    },
    createLogger('test', 'silent'),
  );

describe('BatchConsumer deferred commits across a rejoin', () => {
  it('commits what was handled since the last join, and drops what was handled before it', async () => {
    const kafka = standIn();
    const flushes = { count: 0 };
    const consumer = consumerOf(kafka.kafka, flushes);
    await consumer.start();
    kafka.join();
    await kafka.deliver(0, 41); // partition 0, before the member rejoined
    kafka.join(); // frozen past its session, thawed: the group has it again, maybe without 0
    await kafka.deliver(1, 7); // partition 1, handled since
    await consumer.stop(); // the final flush commits
    expect(flushes.count).toBe(1);
    expect(kafka.commits).toEqual([[{ topic: 't', partition: 1, offset: '8' }]]);
  });

  it('drops offsets kept after a commit the rebalance refused, once the member has rejoined', async () => {
    const kafka = standIn();
    const flushes = { count: 0 };
    const consumer = consumerOf(kafka.kafka, flushes);
    await consumer.start();
    kafka.join();
    await kafka.deliver(2, 99);
    // The thawed member's commit: the broker no longer knows it (kafkajs wraps the broker's error).
    kafka.refuseNextCommit(
      Object.assign(new Error('The coordinator is not aware of this member'), {
        cause: { type: 'UNKNOWN_MEMBER_ID' },
      }),
    );
    await (consumer as unknown as { flushDeferred: () => Promise<void> }).flushDeferred();
    expect(kafka.commits).toEqual([]);
    expect(consumer.running).toBe(true); // a rebalance, not a broken consumer
    kafka.join();
    await consumer.stop();
    expect(flushes.count).toBe(2);
    expect(kafka.commits).toEqual([]); // partition 2's offset 100 was never committed
  });

  it('tells the deferred work its partitions may have moved: on each join, and before a flush after a session unheard', async () => {
    const kafka = standIn();
    const told: string[] = [];
    let now = 1_000;
    const consumer = new BatchConsumer(
      kafka.kafka,
      {
        groupId: 'g',
        topics: ['t'],
        maxChunk: 10,
        handler: async () => [],
        sessionTimeoutMs: 10_000,
        clock: () => now,
        deferred: {
          intervalMs: 3_600_000,
          flush: async () => {
            told.push('flush');
            return true;
          },
          mayHaveMoved: () => told.push('moved'),
        },
      },
      createLogger('test', 'silent'),
    );
    const flush = () =>
      (consumer as unknown as { flushDeferred: () => Promise<void> }).flushDeferred();
    await consumer.start();
    kafka.join();
    await kafka.deliver(0, 1);
    now += 9_000; // heard from 9 s ago: within the session
    await flush();
    kafka.heartbeat();
    await kafka.deliver(0, 2);
    now += 10_001; // frozen past the session: it may have lost partition 0 without knowing yet
    await flush();
    expect(told).toEqual(['moved', 'flush', 'moved', 'flush']);
    await consumer.stop();
  });
});
