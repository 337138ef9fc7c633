import { IDEMPOTENT_PRODUCER, topicSpec, VALID_EVENTS, type Topic } from '@tributary/contracts';
import {
  ch,
  readClickHouseMigrations,
  runClickHouseMigrations,
  type ConsumedMessage,
} from '@tributary/platform';
import { uniqueName, waitFor } from '@tributary/testing';
import { PROJECTED_TABLES, DATASET_TOPICS, type DatasetTopic } from './dataset-projections';
import { ClickHouseDatasetStore } from './datasets.clickhouse-store';
import { datasetsHandler } from './datasets.handler';
import { DATASET_MIGRATIONS, DatasetsProjector } from './datasets.projector';
import { writeTables } from './datasets.store';
import { datasetsTestBed } from './datasets.test-bed';
import { DELIVERIES, EXPECTED_ROWS, TABLE_QUERIES } from './datasets.test-data';

const MIGRATIONS = readClickHouseMigrations(DATASET_MIGRATIONS);

describe('dataset projection into ClickHouse 18.16', () => {
  const bed = datasetsTestBed('datasets_test');
  const { logger, topics, rows } = bed;

  /** The value of the message: the event encoded for the bed's copy of its topic. */
  const message = (topic: DatasetTopic, event: unknown) => {
    const spec = topicSpec(topic);
    return {
      topic: topics[topic],
      key: String((event as Record<string, unknown>)[spec.key]),
      value: bed.codec.encode(topics[topic] as Topic, event as never),
    };
  };

  /** Every table's rows as the queries read them, to compare with EXPECTED_ROWS in one go. */
  async function tables(): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    for (const table of PROJECTED_TABLES) out[table] = await rows(TABLE_QUERIES[table]);
    return out;
  }

  /** Waits until `groupId` has committed every message of every dataset topic. */
  async function committedToTheEnd(groupId: string): Promise<void> {
    const admin = bed.kafka.admin();
    await admin.connect();
    try {
      await waitFor(
        `${groupId} to commit every message`,
        async () => {
          for (const topic of DATASET_TOPICS) {
            const ends = await admin.fetchTopicOffsets(topics[topic]);
            const [committed] = await admin.fetchOffsets({ groupId, topics: [topics[topic]] });
            for (const { partition, high } of ends) {
              const at = committed?.partitions.find((p) => p.partition === partition)?.offset;
              if (high !== '0' && at !== high) return undefined;
            }
          }
          return true;
        },
        { timeoutMs: 60_000, intervalMs: 250 },
      );
    } finally {
      await admin.disconnect();
    }
  }

  /** Dead letters of the bed's ev.users and banking.clients topics, as they arrive. */
  async function readDeadLetters() {
    const letters: { topic: string; code: string; reason: string }[] = [];
    const consumer = bed.kafka.consumer({ groupId: uniqueName('dlq-reader') });
    await consumer.connect();
    for (const topic of ['ev.users', 'banking.clients'] as const) {
      await consumer.subscribe({ topic: `${topics[topic]}.dlq`, fromBeginning: true });
    }
    await consumer.run({
      eachMessage: async ({ message: m }) => {
        const h = m.headers ?? {};
        letters.push({
          topic: String(h['dlq.topic']),
          code: String(h['dlq.code']),
          reason: String(h['dlq.reason']),
        });
      },
    });
    return { letters, consumer };
  }

  const clientBefore1970 = {
    ...VALID_EVENTS['banking.clients'],
    metadata: {
      ...VALID_EVENTS['banking.clients'].metadata,
      event_id: '00000000-0000-4000-8000-000000000777',
    },
    client_id: 'c-1965',
    created_at: new Date('1965-05-01T00:00:00.000Z'),
  };

  it('applies its migrations once', async () => {
    expect(await runClickHouseMigrations(bed.client, MIGRATIONS, logger)).toEqual([
      '1001_ev',
      '1002_banking',
      '1003_energy',
      '1004_retail',
      '1005_ingest_rejections',
      '1006_banking_rollups',
      '1007_banking_rollups_recomputed',
    ]);
    expect(await runClickHouseMigrations(bed.client, MIGRATIONS, logger)).toEqual([]);
  });

  it('projects every dataset exactly: each event twice, a crash before commit, dead letters', async () => {
    const first = DELIVERIES.map(({ topic, event }) => message(topic, event));
    const sent = [
      ...first,
      { topic: topics['ev.users'], key: 'poison', value: Buffer.from('not avro at all') },
      message('banking.clients', clientBefore1970),
      // Everything again, backwards: older versions of dimensions arrive after newer ones.
      ...[...first].reverse(),
    ];
    const producer = bed.kafka.producer(IDEMPOTENT_PRODUCER);
    await producer.connect();
    for (const { topic, key, value } of sent) {
      await producer.send({ topic, acks: -1, messages: [{ key, value }] });
    }
    await producer.disconnect();

    // A projector that wrote the first half and died before committing: its rows are in
    // ClickHouse, its offsets are not in Kafka, so the projector below projects them again.
    const store = new ClickHouseDatasetStore(bed.client);
    const crashed = datasetsHandler(bed.codec, topics, async (tableRows) => {
      const { error } = await writeTables(store, tableRows);
      if (error !== undefined) throw error;
    });
    const half: ConsumedMessage[] = first.slice(0, 15).map((m, i) => ({
      topic: m.topic,
      partition: 0,
      offset: String(i),
      key: Buffer.from(m.key),
      value: m.value,
      headers: {},
    }));
    expect(await crashed(half)).toEqual([]);

    const dlq = await readDeadLetters();
    const groupId = uniqueName('datasets-projector');
    const projector = new DatasetsProjector(bed.kafka, bed.client, bed.codec, logger, {
      groupId,
      maxChunk: 7,
      flushIntervalMs: 100,
      topics,
    });
    await projector.start();
    try {
      expect(projector.running).toBe(true);
      await committedToTheEnd(groupId);
      await waitFor('both dead letters', async () => (dlq.letters.length === 2 ? true : undefined));
    } finally {
      await projector.stop();
      await dlq.consumer.disconnect();
    }

    expect(dlq.letters.sort((a, b) => a.topic.localeCompare(b.topic))).toEqual([
      {
        topic: topics['banking.clients'],
        code: 'PROJECTION.OUT_OF_RANGE',
        reason:
          "banking.clients: created_at: 1965-05-01T00:00:00.000Z is outside ClickHouse DateTime's range (1970-01-01 to 2105-12-31)",
      },
      {
        topic: topics['ev.users'],
        code: 'CONTRACT.UNDECODABLE',
        reason: `${topics['ev.users']}: not in the Confluent wire format (no magic byte 0)`,
      },
    ]);
    expect(await tables()).toEqual(EXPECTED_ROWS);
  });

  it('rebuilds the same rows when the tables are dropped and the topics replayed, per chunk', async () => {
    for (const table of [...PROJECTED_TABLES, 'schema_migrations']) {
      await bed.client.command({ query: ch.sql`DROP TABLE ${ch.table(table)}`.text });
    }
    const groupId = uniqueName('datasets-replay');
    const projector = new DatasetsProjector(bed.kafka, bed.client, bed.codec, logger, {
      groupId,
      maxChunk: 500,
      flushIntervalMs: 0,
      topics,
    });
    await projector.start();
    try {
      await committedToTheEnd(groupId);
    } finally {
      await projector.stop();
    }
    expect(await tables()).toEqual(EXPECTED_ROWS);
  });
});
