import { IDEMPOTENT_PRODUCER, type Topic } from '@tributary/contracts';
import {
  clickHouseConfigSchema,
  createClickHouseDatabase,
  createLogger,
  dropClickHouseDatabase,
  insertRowBinary,
  readClickHouseMigrations,
  runClickHouseMigrations,
} from '@tributary/platform';
import { ANALYTICS_TABLE_COLUMNS } from '@tributary/read-models';
import { stackConfig, uniqueName, waitFor } from '@tributary/testing';
import {
  ALL,
  ALL_EVENTS,
  describeBankingRollups,
  expectedRollup,
  readRollup,
} from './banking.rollups.cases';
import { DATASET_MIGRATIONS, DatasetsProjector } from './datasets.projector';
import { datasetsTestBed } from './datasets.test-bed';

const config = stackConfig(clickHouseConfigSchema);
const logger = createLogger('test', 'warn');
const database = uniqueName('banking_rollups');
const upgraded = uniqueName('banking_rollups_upgraded');

afterAll(async () => {
  await dropClickHouseDatabase(config, logger, database);
  await dropClickHouseDatabase(config, logger, upgraded);
});

describeBankingRollups('banking rollups on ClickHouse 18.16', async () => {
  const client = await createClickHouseDatabase(config, logger, database, [DATASET_MIGRATIONS]);
  return { client, close: () => client.close() };
});

describe('the migration to recomputed banking rollups', () => {
  it('rebuilds them from the stored transactions, whatever the counting views had added', async () => {
    const client = await createClickHouseDatabase(config, logger, upgraded);
    try {
      const migrations = readClickHouseMigrations(DATASET_MIGRATIONS);
      const before = migrations.filter((migration) => migration.version < '1007');
      expect(before).toHaveLength(migrations.length - 1);
      await runClickHouseMigrations(client, before, logger);
      // Every transaction stored twice: the views of 1006 counted both copies.
      const columns = ANALYTICS_TABLE_COLUMNS['banking_transactions']!;
      await insertRowBinary(client, 'banking_transactions', columns, ALL);
      await insertRowBinary(client, 'banking_transactions', columns, ALL);
      expect((await readRollup(client, 'banking_daily'))[0]!.transactions).toBe(
        2 * expectedRollup(ALL, 'day')[0]!.transactions,
      );

      await runClickHouseMigrations(client, migrations, logger);
      expect(await readRollup(client, 'banking_daily')).toEqual(expectedRollup(ALL, 'day'));
      expect(await readRollup(client, 'banking_monthly')).toEqual(expectedRollup(ALL, 'month'));
    } finally {
      await client.close();
    }
  });
});

describe('banking rollups under redelivery through Kafka', () => {
  const bed = datasetsTestBed('banking_rollups_replay');

  /** Runs a projector in a group of its own from the topics' start until it committed them all. */
  async function project(groupId: string, flushIntervalMs: number): Promise<void> {
    const projector = new DatasetsProjector(bed.kafka, bed.client, bed.codec, bed.logger, {
      groupId,
      maxChunk: 3,
      flushIntervalMs,
      topics: bed.topics,
    });
    await projector.start();
    try {
      const admin = bed.kafka.admin();
      await admin.connect();
      const topic = bed.topics['banking.transactions'];
      try {
        await waitFor(
          `${groupId} to commit every transaction`,
          async () => {
            const ends = await admin.fetchTopicOffsets(topic);
            const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
            return ends.every(
              ({ partition, high }) =>
                high === '0' ||
                committed?.partitions.find((p) => p.partition === partition)?.offset === high,
            )
              ? true
              : undefined;
          },
          { timeoutMs: 60_000, intervalMs: 250 },
        );
      } finally {
        await admin.disconnect();
      }
    } finally {
      await projector.stop();
    }
  }

  it('counts every transaction once: each event published twice, then the topic replayed', async () => {
    await runClickHouseMigrations(bed.client, readClickHouseMigrations(DATASET_MIGRATIONS), logger);
    const topic = bed.topics['banking.transactions'];
    const producer = bed.kafka.producer(IDEMPOTENT_PRODUCER);
    await producer.connect();
    // Every event twice, keyed by client as file-ingest keys them, the copies in separate chunks
    // (maxChunk 3) and in one chunk alike.
    for (const events of [ALL_EVENTS, ALL_EVENTS, ALL_EVENTS.slice(0, 2)]) {
      await producer.send({
        topic,
        acks: -1,
        messages: events.map((event) => ({
          key: event.client_id,
          value: bed.codec.encode(topic as Topic, event as never),
        })),
      });
    }
    await producer.disconnect();

    await project(uniqueName('banking-rollups-a'), 100);
    // A second group replays the whole topic, as a projector whose offsets were lost would.
    await project(uniqueName('banking-rollups-b'), 0);

    expect(await readRollup(bed.client, 'banking_daily')).toEqual(expectedRollup(ALL, 'day'));
    expect(await readRollup(bed.client, 'banking_monthly')).toEqual(expectedRollup(ALL, 'month'));
    expect(
      await bed.rows(
        'SELECT count() AS n, uniqExact(event_id) AS events FROM banking_transactions FINAL',
      ),
    ).toEqual([{ n: ALL.length, events: ALL.length }]);
  });
});
