/**
 * Benchmark: how fast the directory takes the rows of a large file, beside a baseline measured in
 * the same run. Prints figures; asserts nothing. Needs the stack (`npm run stack:up`).
 *
 *   bash scripts/run-ts.sh services/directory-projector/src/bench/directory-projection.bench.ts
 *
 * 1. The store alone (no Kafka): BENCH_ROWS EV users (new rows), the same again (a replay: every
 *    row re-applied), and as many rejected rows, in chunks of each size in BENCH_CHUNKS.
 * 2. Through Kafka: the same users and rejections published to renamed copies of the topics
 *    (created and deleted by the run; the catalog topics are not touched) and consumed by the
 *    projector from the start, until it has committed every message.
 * 3. Baseline: `psql \copy` of the same users from CSV into a table of the same shape (same key
 *    and indexes): Postgres's own bulk load.
 * Everything runs in a database of its own, dropped at the end.
 *
 * Options (environment): BENCH_ROWS (default 200000), BENCH_CHUNKS (default 2000,5000).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  dlqOf,
  ensureTopics,
  EventCodec,
  IDEMPOTENT_PRODUCER,
  subjectOf,
  TOPICS,
  type TributaryEv,
  type TributaryIngest,
  type TopicSpec,
} from '@tributary/contracts';
import {
  createKafka,
  createLogger,
  kafkaConfigSchema,
  loadConfig,
  postgresConfigSchema,
} from '@tributary/platform';
import { createPostgresDatabase, dropPostgresDatabase, uniqueName } from '@tributary/testing';
import { createDirectoryDataSource, migrateDirectory } from '../postgres/directory.data-source';
import { foldChunk } from '../projection/directory.fold';
import { PostgresDirectoryStore } from '../projection/directory.postgres-store';
import { DirectoryProjector } from '../projection/directory.projector';
import {
  CONSUMED_DIRECTORY_TOPICS,
  type DirectoryEvent,
  type DirectoryTopicNames,
} from '../projection/directory.topics';

const rows = Number(process.env['BENCH_ROWS'] ?? 200_000);
const chunks = (process.env['BENCH_CHUNKS'] ?? '2000,5000').split(',').map(Number);
const config = loadConfig(kafkaConfigSchema.extend(postgresConfigSchema.shape));
const logger = createLogger('directory-bench', process.env['BENCH_LOG_LEVEL'] ?? 'warn');
const began = performance.now();
const say = (line: string) =>
  process.stdout.write(`[${((performance.now() - began) / 1000).toFixed(1)} s] ${line}\n`);
const rate = (n: number, ms: number) =>
  `${Math.round((n / ms) * 1000).toLocaleString('en')} rows/s`;

const receivedAt = new Date('2026-11-22T10:00:00.000Z');
const job = randomUUID();
const FIRST = ['Zoë', 'Ana', 'Jean', 'Mia', 'Noah', 'Lena', 'Omar', 'Sofia'];
const LAST = ["O'Neill", 'Souza', 'Martin', 'Kowalski', 'Nguyen', 'Müller', 'Haddad', 'Rossi'];

function user(i: number, version = 0): TributaryEv.UserUpserted {
  return {
    metadata: {
      event_id: randomUUID(),
      occurred_at: new Date(receivedAt.getTime() + version),
      ingested_at: receivedAt,
      source: { kind: 'file', reference: job, row_number: i + 1 },
      trace_id: job,
    },
    user_id: `u-${i}`,
    first_name: FIRST[i % FIRST.length]!,
    last_name: LAST[(i >> 3) % LAST.length]!,
    email: `user.${i}@example.com`,
    phone: i % 3 === 0 ? null : `+33 6 ${String(i).padStart(8, '0')}`,
    signup_date: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
  };
}

function rejection(i: number): TributaryIngest.RecordRejected {
  return {
    metadata: {
      event_id: randomUUID(),
      occurred_at: receivedAt,
      ingested_at: receivedAt,
      source: { kind: 'file', reference: job, row_number: i + 1 },
      trace_id: job,
    },
    job_id: job,
    dataset: 'ev.users',
    object_key: 'ev.users/2026-11-22/ab.csv',
    row_number: i + 1,
    raw: `u-${i},${FIRST[i % FIRST.length]},,not-an-email,+33 6 ${i},2025-13-45`,
    reasons: [
      'last_name: is required',
      'signup_date: must be a date (YYYY-MM-DD), got "2025-13-45"',
    ],
  };
}

async function main(): Promise<void> {
  const database = uniqueName('directory_bench');
  const url = await createPostgresDatabase(config.DATABASE_URL, database);
  const db = createDirectoryDataSource({ DATABASE_URL: url }, 4);
  await db.initialize();
  await migrateDirectory(db);
  const store = new PostgresDirectoryStore(db);
  const truncate = () =>
    db.query('TRUNCATE directory.ev_users, directory.ingest_rejections, directory.ingest_jobs');
  say(
    `directory-projector benchmark: ${rows.toLocaleString('en')} rows, Postgres ${(await db.query('SHOW server_version'))[0].server_version}`,
  );

  try {
    // 1. The store alone.
    const users = Array.from({ length: rows }, (_, i) => user(i));
    const replay = users.map((u) => ({ ...u, metadata: { ...u.metadata } }));
    const rejected = Array.from({ length: rows }, (_, i) => rejection(i));
    async function timed(events: readonly DirectoryEvent[], chunk: number): Promise<number> {
      const start = performance.now();
      for (let i = 0; i < events.length; i += chunk)
        await store.write(foldChunk(events.slice(i, i + chunk)));
      return performance.now() - start;
    }
    for (const chunk of chunks) {
      await truncate();
      const asEvents = (topic: 'ev.users', list: TributaryEv.UserUpserted[]) =>
        list.map((event): DirectoryEvent => ({ topic, event }));
      const inserted = await timed(asEvents('ev.users', users), chunk);
      const replayed = await timed(asEvents('ev.users', replay), chunk);
      const rejections = await timed(
        rejected.map((event): DirectoryEvent => ({ topic: 'ingest.rejections', event })),
        chunk,
      );
      say(
        `store, chunks of ${chunk}: users new ${rate(rows, inserted)}, users replayed ${rate(rows, replayed)}, rejections ${rate(rows, rejections)}`,
      );
    }

    // 2. Through Kafka, into renamed topics of this run.
    await truncate();
    const prefix = uniqueName('dirbench');
    const specs: TopicSpec[] = TOPICS.filter((t) =>
      (CONSUMED_DIRECTORY_TOPICS as readonly string[]).includes(t.topic),
    ).map((t) => ({ ...t, topic: `${prefix}.${t.topic}` }));
    const names = Object.fromEntries(
      CONSUMED_DIRECTORY_TOPICS.map((t) => [t, `${prefix}.${t}`]),
    ) as DirectoryTopicNames;
    const kafka = createKafka(config, 'directory-bench', logger);
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    await ensureTopics(kafkaAdmin, specs);
    const codec = new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL, topics: specs });
    await codec.register();
    try {
      const producer = kafka.producer(IDEMPOTENT_PRODUCER);
      await producer.connect();
      const publishStart = performance.now();
      const publish = async (topic: string, messages: { key: string; value: Buffer }[]) => {
        // 1,000 per request keeps a request under the broker's 1 MB message limit.
        for (let i = 0; i < messages.length; i += 1_000)
          await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 1_000) });
      };
      await publish(
        names['ev.users'],
        users.map((u) => ({
          key: u.user_id,
          value: codec.encode(names['ev.users'] as never, u as never),
        })),
      );
      await publish(
        names['ingest.rejections'],
        rejected.map((r) => ({
          key: r.job_id,
          value: codec.encode(names['ingest.rejections'] as never, r as never),
        })),
      );
      await producer.disconnect();
      say(
        `published ${(2 * rows).toLocaleString('en')} events in ${Math.round(performance.now() - publishStart)} ms`,
      );

      const chunk = Math.max(...chunks);
      const groupId = uniqueName('directory-bench');
      const projector = new DirectoryProjector(kafka, store, codec, logger, {
        groupId,
        maxChunk: chunk,
        topics: names,
      });
      const start = performance.now();
      await projector.start();
      const ends = await Promise.all(
        [names['ev.users'], names['ingest.rejections']].map(async (topic) => ({
          topic,
          ends: await kafkaAdmin.fetchTopicOffsets(topic),
        })),
      );
      for (;;) {
        const committed = await kafkaAdmin.fetchOffsets({
          groupId,
          topics: ends.map((e) => e.topic),
        });
        const done = ends.every(({ topic, ends: partitions }) =>
          partitions.every(
            (p) =>
              p.high === p.low || // nothing was published to it
              committed
                .find((c) => c.topic === topic)
                ?.partitions.find((c) => c.partition === p.partition)?.offset === p.high,
          ),
        );
        if (done) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const elapsed = performance.now() - start;
      await projector.stop();
      const [{ n }] = await db.query(
        'SELECT (SELECT count(*) FROM directory.ev_users) + (SELECT count(*) FROM directory.ingest_rejections) AS n',
      );
      say(
        `through Kafka (projector from the start, chunks of ${chunk}, incl. joining the group): ${Number(n).toLocaleString('en')} rows in ${Math.round(elapsed)} ms, ${rate(2 * rows, elapsed)}`,
      );
    } finally {
      const topics = specs.flatMap((s) => [s.topic, dlqOf(s.topic)]);
      await kafkaAdmin.deleteTopics({ topics }).catch(() => undefined);
      await kafkaAdmin.disconnect();
      for (const spec of specs) {
        const subject = `${config.SCHEMA_REGISTRY_URL}/subjects/${encodeURIComponent(subjectOf(spec.topic))}`;
        await fetch(subject, { method: 'DELETE' }).catch(() => undefined);
        await fetch(`${subject}?permanent=true`, { method: 'DELETE' }).catch(() => undefined);
      }
    }

    // 3. Baseline: Postgres's own bulk load of the same users into a table of the same shape.
    const csv = join(tmpdir(), `${database}.csv`);
    const quote = (v: string | null) => (v === null ? '' : `"${v.replace(/"/g, '""')}"`);
    writeFileSync(
      csv,
      users
        .map((u) =>
          [
            u.user_id,
            u.first_name,
            u.last_name,
            u.email,
            u.phone,
            u.signup_date,
            u.metadata.event_id,
            u.metadata.occurred_at.toISOString(),
            String(u.metadata.source.row_number),
          ]
            .map(quote)
            .join(','),
        )
        .join('\n'),
    );
    await db.query(`CREATE TABLE public.baseline_users (LIKE directory.ev_users INCLUDING ALL)`);
    const start = performance.now();
    execFileSync('psql', [url, '-qc', `\\copy public.baseline_users FROM '${csv}' CSV`]);
    const copied = performance.now() - start;
    rmSync(csv);
    say(`baseline, psql \\copy of the same users (same key and indexes): ${rate(rows, copied)}`);
  } finally {
    await db.destroy();
    await dropPostgresDatabase(config.DATABASE_URL, database);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
