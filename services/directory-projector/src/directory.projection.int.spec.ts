import {
  EventCodec,
  VALID_EVENTS,
  type Topic,
  type TopicEvents,
  type TributaryIngest,
} from '@tributary/contracts';
import {
  createDataSource,
  postgresConfigSchema,
  runMigrations,
  kafkaConfigSchema,
  type BatchHandler,
  type ConsumedMessage,
} from '@tributary/platform';
import { stackConfig, uniqueName } from '@tributary/testing';
import { type DataSource } from 'typeorm';
import { directoryHandler } from './directory.handler';
import { PostgresDirectoryStore } from './directory.postgres-store';
import { CreateDirectory1764200000000 } from './migrations/1764200000000-create-directory';

/**
 * The projection on the real Postgres, with events encoded by the real codec against the real
 * registry; every chunk is delivered twice, as a consumer does after a crash.
 */
describe('the directory projection', () => {
  const config = stackConfig(postgresConfigSchema.extend(kafkaConfigSchema.shape));
  const codec = new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL });
  const schema = uniqueName('directory_test');
  let db: DataSource;
  let handle: BatchHandler;
  let offset = 0;

  beforeAll(async () => {
    await codec.register();
    db = createDataSource(config, {
      entities: [],
      migrations: [CreateDirectory1764200000000],
      schema,
      poolSize: 2,
    });
    await db.initialize();
    await runMigrations(db, `directory-test:${schema}`);
    handle = directoryHandler(codec, new PostgresDirectoryStore(db));
  });

  afterAll(async () => {
    await db.query(`DROP SCHEMA ${schema} CASCADE`);
    await db.destroy();
  });

  const message = <T extends Topic>(topic: T, event: TopicEvents[T]): ConsumedMessage => ({
    topic,
    partition: 0,
    offset: String(offset++),
    key: null,
    value: codec.encode(topic, event),
    headers: {},
  });

  async function deliverTwice(messages: ConsumedMessage[]) {
    expect(await handle(messages)).toEqual([]);
    expect(await handle(messages)).toEqual([]);
  }

  const JOB = '6f1c1f6e-2a57-4e0b-9d55-1c9b1c1a0001';
  const jobEvent = (
    status: TributaryIngest.JobStatus,
    second: number,
    overrides: Partial<TributaryIngest.JobStatusChanged> = {},
  ): TributaryIngest.JobStatusChanged => ({
    ...VALID_EVENTS['ingest.jobs'],
    metadata: {
      ...VALID_EVENTS['ingest.jobs'].metadata,
      occurred_at: new Date(Date.UTC(2026, 10, 22, 10, 0, second)),
    },
    job_id: JOB,
    status,
    ...overrides,
  });

  it('keeps a job at its furthest status, whatever the order events arrive in', async () => {
    await deliverTwice([
      message(
        'ingest.jobs',
        jobEvent('running', 2, { rows_read: 5, finished_at: null, file_name: null }),
      ),
    ]);
    await deliverTwice([message('ingest.jobs', jobEvent('partially_failed', 5))]);
    // The gateway's `queued` event, arriving last, and a stale progress report change nothing.
    await deliverTwice([
      message('ingest.jobs', jobEvent('queued', 9, { rows_read: 0, finished_at: null })),
      message('ingest.jobs', jobEvent('running', 8, { rows_read: 7, finished_at: null })),
    ]);
    const [job] = (await db.query(
      `SELECT status, rows_read::int, rows_accepted::int, rows_rejected::int, file_name,
              source, finished_at, updated_at FROM ingest_jobs WHERE job_id = $1`,
      [JOB],
    )) as Record<string, unknown>[];
    expect(job).toEqual({
      status: 'partially_failed',
      rows_read: 10,
      rows_accepted: 9,
      rows_rejected: 1,
      file_name: 'outgoing/sales.csv',
      source: 'sftp',
      finished_at: VALID_EVENTS['ingest.jobs'].finished_at,
      updated_at: new Date(Date.UTC(2026, 10, 22, 10, 0, 5)),
    });
  });

  it('stores each rejected row once, with every reason', async () => {
    const rejection = VALID_EVENTS['ingest.rejections'];
    await deliverTwice([
      message('ingest.rejections', rejection),
      message('ingest.rejections', {
        ...rejection,
        row_number: 9,
        raw: 's-9,p-1,2,"a, b",x',
        reasons: [
          'quantity: must be a whole number',
          'sale_date: must be a date (YYYY-MM-DD), got "x"',
        ],
      }),
    ]);
    expect(
      await db.query(
        'SELECT row_number::int, raw, reasons FROM ingest_rejections WHERE job_id = $1 ORDER BY row_number',
        [rejection.job_id],
      ),
    ).toEqual([
      {
        row_number: 4,
        raw: 's-4,p-1,two,9.98,2026-11-21',
        reasons: ['quantity: must be a whole number'],
      },
      {
        row_number: 9,
        raw: 's-9,p-1,2,"a, b",x',
        reasons: [
          'quantity: must be a whole number',
          'sale_date: must be a date (YYYY-MM-DD), got "x"',
        ],
      },
    ]);
  });

  it('keeps the latest version of each entity, by event time then row', async () => {
    const product = VALID_EVENTS['retail.products'];
    const later = new Date(product.metadata.occurred_at.getTime() + 60_000);
    await deliverTwice([
      message('retail.products', { ...product, name: 'first', price: '1.0000' }),
      message('retail.products', {
        ...product,
        metadata: {
          ...product.metadata,
          occurred_at: later,
          source: { ...product.metadata.source, row_number: 2 },
        },
        name: 'newest',
        price: '24.9900',
      }),
    ]);
    // An older event delivered afterwards does not win.
    await deliverTwice([message('retail.products', { ...product, name: 'stale', price: null })]);
    const users = VALID_EVENTS['ev.users'];
    await deliverTwice([
      message('ev.users', users),
      message('ev.chargers', VALID_EVENTS['ev.chargers']),
    ]);
    await deliverTwice([message('banking.clients', VALID_EVENTS['banking.clients'])]);
    expect(await db.query('SELECT product_id, name, category, price FROM retail_products')).toEqual(
      [
        {
          product_id: product.product_id,
          name: 'newest',
          category: product.category,
          price: '24.9900',
        },
      ],
    );
    const [user] = (await db.query(
      "SELECT user_id, first_name, email, to_char(signup_date, 'YYYY-MM-DD') AS signup_date FROM ev_users",
    )) as Record<string, unknown>[];
    expect(user).toEqual({
      user_id: users.user_id,
      first_name: users.first_name,
      email: users.email,
      signup_date: users.signup_date,
    });
    expect(await db.query('SELECT count(*)::int AS n FROM ev_chargers')).toEqual([{ n: 1 }]);
    expect(await db.query('SELECT count(*)::int AS n FROM banking_clients')).toEqual([{ n: 1 }]);
  });

  it('dead-letters what it cannot decode, and writes the rest', async () => {
    const good = message('ev.users', { ...VALID_EVENTS['ev.users'], user_id: 'u-dlq-neighbour' });
    const bad: ConsumedMessage = { ...good, offset: String(offset++), value: Buffer.from('junk') };
    const letters = await handle([bad, good]);
    expect(letters.map((l) => l.code)).toEqual(['CONTRACT.UNDECODABLE']);
    expect(
      await db.query("SELECT count(*)::int AS n FROM ev_users WHERE user_id = 'u-dlq-neighbour'"),
    ).toEqual([{ n: 1 }]);
  });
});
