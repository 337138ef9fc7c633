import { randomUUID } from 'node:crypto';
import {
  EventCodec,
  IDEMPOTENT_PRODUCER,
  VALID_EVENTS,
  type Topic,
  type TopicEvents,
} from '@tributary/contracts';
import { createKafka, createLogger, kafkaConfigSchema } from '@tributary/platform';
import {
  readFrom,
  stackConfig,
  topicEnd,
  uniqueName,
  waitFor,
  type TopicPosition,
} from '@tributary/testing';
import { type Kafka, type Producer } from 'kafkajs';
import { In } from 'typeorm';
import { BankingClientEntity } from '../banking/banking.dimensions';
import { EvChargerEntity, EvUserEntity } from '../ev/ev.dimensions';
import { at, fileIngestEvent, lifecycle, lifecycleRow } from '../jobs/job-events.test-data';
import { IngestJobEntity, IngestRejectionEntity } from '../jobs/jobs.entities';
import { RetailProductEntity } from '../retail/retail.dimensions';
import { PostgresDirectoryStore } from './directory.postgres-store';
import { DirectoryProjector } from './directory.projector';
import { directoryDatabase, moveGroup, topicEnds } from './directory.test-bed';
import { CONSUMED_DIRECTORY_TOPICS } from './directory.topics';

/**
 * The projection as deployed, minus Nest: events encoded with the real codec and published to the
 * catalog topics, consumed by a BatchConsumer of a group of this run's own, written into a
 * database of this run's own. Every event is published twice (the second time in reverse order),
 * so duplicates, backwards job events and older entity versions arrive after newer ones.
 */
describe('the directory projection, from Kafka to Postgres', () => {
  const config = stackConfig(kafkaConfigSchema);
  const logger = createLogger('directory-projector-test', 'warn');
  const bed = directoryDatabase('directory_projection_test');
  const groupId = uniqueName('directory-projection-test');
  let kafka: Kafka;
  let codec: EventCodec;
  let producer: Producer;
  /** Where each topic ended before this run published: the start of a replay. */
  const starts: TopicPosition[] = [];
  /** The offset to commit past, per topic and partition, once everything this run sent is read. */
  const ends = new Map<string, number>();

  beforeAll(async () => {
    kafka = createKafka(config, 'directory-projection-test', logger);
    codec = new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL });
    await codec.register();
    producer = kafka.producer(IDEMPOTENT_PRODUCER);
    await producer.connect();
    // The group starts where the topics end now: it sees what this run publishes, not the
    // machine's history of these shared topics.
    starts.push(...(await topicEnds(kafka, CONSUMED_DIRECTORY_TOPICS)));
    await moveGroup(kafka, groupId, starts);
  });

  afterAll(async () => {
    await producer?.disconnect();
  });

  async function send(topic: string, key: string, value: Buffer) {
    const [sent] = await producer.send({ topic, acks: -1, messages: [{ key, value }] });
    const at = `${sent!.topicName}\u0000${sent!.partition}`;
    ends.set(at, Math.max(ends.get(at) ?? 0, Number(sent!.baseOffset) + 1));
  }

  const publish = async <T extends Topic>(topic: T, event: TopicEvents[T]) => {
    const { key, value } = codec.message(topic, event);
    await send(topic, key, value);
  };

  /** Waits until `group` has committed past everything this run sent. */
  async function committedPastAllSent(group: string): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await waitFor(
        `${group} to commit past every message this test sent`,
        async () => {
          const committed = await admin.fetchOffsets({
            groupId: group,
            topics: [...CONSUMED_DIRECTORY_TOPICS],
          });
          for (const [key, end] of ends) {
            const [topic, partition] = key.split('\u0000');
            const offset = committed
              .find((t) => t.topic === topic)
              ?.partitions.find((p) => p.partition === Number(partition))?.offset;
            if (offset === undefined || Number(offset) < end) return undefined;
          }
          return true;
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      );
    } finally {
      await admin.disconnect();
    }
  }

  function projector(maxChunk: number) {
    return new DirectoryProjector(kafka, new PostgresDirectoryStore(bed.db), codec, logger, {
      groupId,
      maxChunk,
    });
  }

  // Ids of this run, so rows are checked exactly whatever else the shared topics carry.
  const [inOrder, backwards, finalFirst] = [randomUUID(), randomUUID(), randomUUID()];
  const suffix = randomUUID().slice(0, 8);
  const userId = `u-test-${suffix}`;
  const neighbourId = `u-test-neighbour-${suffix}`;
  const chargerId = `ch-test-${suffix}`;
  const clientId = `c-test-${suffix}`;
  const productId = `p-test-${suffix}`;

  const version = <T extends 'ev.users' | 'retail.products'>(
    topic: T,
    event: TopicEvents[T],
    minute: number,
    row: number,
  ): TopicEvents[T] => ({
    ...event,
    metadata: {
      ...event.metadata,
      event_id: randomUUID(),
      occurred_at: new Date(Date.UTC(2026, 10, 22, 10, minute)),
      source: { kind: 'file', reference: randomUUID(), row_number: row },
    },
  });
  const user = { ...VALID_EVENTS['ev.users'], user_id: userId };
  const userVersions = [
    version('ev.users', { ...user, email: 'first@example.com' }, 10, 3),
    version('ev.users', { ...user, email: 'second@example.com' }, 10, 7), // later row, same file
    version('ev.users', { ...user, last_name: 'Older' }, 9, 100), // an older file: ignored
    version('ev.users', { ...user, last_name: 'Married', email: null, phone: '+33 6' }, 11, 1),
  ];
  const product = { ...VALID_EVENTS['retail.products'], product_id: productId };
  const productVersions = [
    version('retail.products', product, 10, 1),
    version('retail.products', { ...product, price: '26.5000' }, 12, 1), // repriced later
  ];
  const charger = { ...VALID_EVENTS['ev.chargers'], charger_id: chargerId };
  const client = { ...VALID_EVENTS['banking.clients'], client_id: clientId };
  const rejections = [
    { ...VALID_EVENTS['ingest.rejections'], job_id: inOrder, row_number: 4 },
    {
      ...VALID_EVENTS['ingest.rejections'],
      job_id: inOrder,
      row_number: 9,
      raw: 's-9,p-1,2,"a, b",x',
      reasons: ['quantity: must be a whole number', 'sale_date: must be a date (YYYY-MM-DD)'],
    },
  ];
  const [queued, started, progress, finished] = lifecycle(inOrder);
  const backwardsJob = lifecycle(backwards);
  const jobEvents = [
    // In order: file-ingest's later events leave file_name and submitter null.
    queued,
    started,
    progress,
    finished,
    // Backwards: the final status first, the gateway's `queued` last.
    backwardsJob[3],
    backwardsJob[2],
    backwardsJob[0],
    backwardsJob[1],
    // A final status, then later non-final events: ignored.
    fileIngestEvent(finalFirst, 'succeeded', 5, {
      rows_read: 20,
      rows_accepted: 20,
      rows_rejected: 0,
      finished_at: at(5),
    }),
    fileIngestEvent(finalFirst, 'running', 8, { rows_read: 700 }),
    { ...lifecycle(finalFirst)[0], metadata: { ...queued.metadata, occurred_at: at(9) } },
  ];

  async function rows() {
    const repo = bed.db.getRepository.bind(bed.db);
    return {
      jobs: await repo(IngestJobEntity).find({
        where: { job_id: In([inOrder, backwards, finalFirst]) },
        order: { job_id: 'ASC' },
      }),
      rejections: await repo(IngestRejectionEntity).find({
        where: { job_id: inOrder },
        order: { row_number: 'ASC' },
      }),
      users: await repo(EvUserEntity).find({
        where: { user_id: In([userId, neighbourId]) },
        order: { user_id: 'ASC' },
      }),
      chargers: await repo(EvChargerEntity).findBy({ charger_id: chargerId }),
      clients: await repo(BankingClientEntity).findBy({ client_id: clientId }),
      products: await repo(RetailProductEntity).findBy({ product_id: productId }),
    };
  }

  let projected: Awaited<ReturnType<typeof rows>>;

  it('projects every table exactly: duplicates, backwards events, a poison message', async () => {
    const dlqPosition = await topicEnd(kafka, 'ev.users.dlq');
    const letters: Record<string, string>[] = [];
    const dlq = await readFrom(kafka, dlqPosition, async (m) => {
      const headers = Object.fromEntries(
        Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)]),
      );
      if (headers['dlq.group'] === groupId) letters.push(headers);
    });

    const all: { topic: Topic; event: unknown }[] = [
      ...jobEvents.map((event) => ({ topic: 'ingest.jobs' as const, event })),
      ...rejections.map((event) => ({ topic: 'ingest.rejections' as const, event })),
      ...userVersions.map((event) => ({ topic: 'ev.users' as const, event })),
      ...productVersions.map((event) => ({ topic: 'retail.products' as const, event })),
      { topic: 'ev.chargers', event: charger },
      { topic: 'banking.clients', event: client },
    ];
    for (const { topic, event } of all) await publish(topic, event as never);
    // Poison on the users' partition, then a good event behind it on the same partition.
    await send('ev.users', userId, Buffer.from('not avro at all'));
    await publish('ev.users', { ...user, user_id: neighbourId });
    for (const { topic, event } of [...all].reverse()) await publish(topic, event as never);

    const consumer = projector(2);
    await consumer.start();
    try {
      expect(consumer.running).toBe(true);
      await committedPastAllSent(groupId);
      await waitFor('the dead letter', async () => (letters.length > 0 ? true : undefined));
    } finally {
      // Each waits out a fetch in flight (5 s): together, not one after the other.
      await Promise.all([consumer.stop(), dlq.disconnect()]);
    }

    expect(letters).toEqual([
      expect.objectContaining({
        'dlq.code': 'CONTRACT.UNDECODABLE',
        'dlq.reason': 'ev.users: not in the Confluent wire format (no magic byte 0)',
        'dlq.topic': 'ev.users',
      }),
    ]);
    projected = await rows();
    const provenance = (event: { metadata: (typeof user)['metadata'] }) => ({
      event_id: event.metadata.event_id,
      updated_at: event.metadata.occurred_at,
      row_number: event.metadata.source.row_number ?? 0,
    });
    const { metadata: _u, ...latestUser } = userVersions[3]!;
    const { metadata: _p, ...latestProduct } = productVersions[1]!;
    const { metadata: _c, ...chargerFields } = charger;
    const { metadata: _b, ...clientFields } = client;
    const { metadata: _n, ...neighbourFields } = { ...user, user_id: neighbourId };
    expect(projected).toEqual({
      jobs: [
        lifecycleRow(inOrder),
        lifecycleRow(backwards),
        {
          ...lifecycleRow(finalFirst),
          status: 'succeeded',
          rows_read: 20,
          rows_accepted: 20,
          rows_rejected: 0,
          format: 'csv',
          finished_at: at(5),
          updated_at: at(5),
        },
      ].sort((a, b) => (a.job_id < b.job_id ? -1 : 1)),
      rejections: rejections.map((r) => ({
        job_id: r.job_id,
        row_number: r.row_number,
        dataset: r.dataset,
        object_key: r.object_key,
        raw: r.raw,
        reasons: r.reasons,
        event_id: r.metadata.event_id,
        rejected_at: r.metadata.occurred_at,
      })),
      users: [
        { ...latestUser, ...provenance(userVersions[3]!) },
        { ...neighbourFields, ...provenance(user) },
      ].sort((a, b) => (a.user_id < b.user_id ? -1 : 1)),
      chargers: [{ ...chargerFields, ...provenance(charger) }],
      clients: [{ ...clientFields, ...provenance(client) }],
      products: [{ ...latestProduct, ...provenance(productVersions[1]!) }],
    });
  });

  it('rebuilds the same rows when the tables are emptied and the topics replayed', async () => {
    expect(projected).toBeDefined();
    await bed.db.query(
      `TRUNCATE directory.ingest_jobs, directory.ingest_rejections, directory.ev_users,
                directory.ev_chargers, directory.banking_clients, directory.retail_products`,
    );
    await moveGroup(kafka, groupId, starts);
    const consumer = projector(500);
    await consumer.start();
    try {
      await committedPastAllSent(groupId);
    } finally {
      await consumer.stop();
    }
    expect(await rows()).toEqual(projected);
  });
});
