import { postgresConfigSchema, type PostgresConfig } from '@tributary/platform';
import {
  createPostgresDatabase,
  dropPostgresDatabase,
  postgresDatabaseUrl,
  stackConfig,
  topicEnd,
  uniqueName,
  type TopicPosition,
} from '@tributary/testing';
import { type Kafka } from 'kafkajs';
import { type DataSource } from 'typeorm';
import { createDirectoryDataSource, migrateDirectory } from '../postgres/directory.data-source';

export interface DirectoryDatabase {
  /** The stack's Postgres config, pointed at this suite's own database. */
  readonly config: PostgresConfig;
  readonly database: string;
  /** A migrated DataSource on it (schema `directory`). */
  db: DataSource;
  /** Migrations the first run applied. */
  applied: string[];
}

/**
 * A Postgres database of the suite's own, created before and dropped after it, so tests never
 * see each other's rows (the tables keep their real schema and names, `directory.*`). Call
 * inside `describe`; `db` and `applied` fill in `beforeAll`.
 */
export function directoryDatabase(prefix: string, { migrate = true } = {}): DirectoryDatabase {
  const stack = stackConfig(postgresConfigSchema);
  const database = uniqueName(prefix);
  const bed = {
    config: { DATABASE_URL: postgresDatabaseUrl(stack.DATABASE_URL, database) },
    database,
  } as DirectoryDatabase;

  beforeAll(async () => {
    await createPostgresDatabase(stack.DATABASE_URL, database);
    bed.db = createDirectoryDataSource(bed.config, 2);
    await bed.db.initialize();
    bed.applied = migrate ? await migrateDirectory(bed.db) : [];
  });

  afterAll(async () => {
    if (bed.db?.isInitialized) await bed.db.destroy();
    await dropPostgresDatabase(stack.DATABASE_URL, database);
  });

  return bed;
}

/** Where each of `topics` ends now. */
export async function topicEnds(kafka: Kafka, topics: readonly string[]): Promise<TopicPosition[]> {
  const positions: TopicPosition[] = [];
  for (const topic of topics) positions.push(await topicEnd(kafka, topic));
  return positions;
}

/**
 * Commits `positions` as the (stopped) group's offsets, so a projector started with the group
 * next reads from there: the end of the shared catalog topics before a test publishes, or their
 * start again for a replay. One short-lived member commits every topic at once; kafkajs's
 * `admin.setOffsets` waits a 5 s fetch per topic.
 */
export async function moveGroup(
  kafka: Kafka,
  groupId: string,
  positions: readonly TopicPosition[],
): Promise<void> {
  const topics = positions.map((p) => p.topic);
  const member = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await member.connect();
  try {
    await member.subscribe({ topics, fromBeginning: true });
    const joined = new Promise<void>((resolve) =>
      member.on(member.events.GROUP_JOIN, () => resolve()),
    );
    await member.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => {} });
    member.pause(topics.map((topic) => ({ topic })));
    await joined;
    await member.commitOffsets(
      positions.flatMap(({ topic, offsets }) =>
        offsets.map(({ partition, offset }) => ({ topic, partition, offset })),
      ),
    );
  } finally {
    await member.disconnect();
  }
}
