import { randomUUID } from 'node:crypto';
import { VALID_EVENTS, type TributaryIngest } from '@tributary/contracts';
import { BankingClientEntity } from '../banking/banking.dimensions';
import { EvChargerEntity, EvUserEntity } from '../ev/ev.dimensions';
import {
  at,
  fileIngestEvent,
  lifecycle,
  lifecycleRow,
  permutations,
} from '../jobs/job-events.test-data';
import { jobRow, mergeJob, type JobRow } from '../jobs/job-state';
import { IngestJobEntity, IngestRejectionEntity } from '../jobs/jobs.entities';
import { DirectoryWriteError } from '../postgres/postgres-errors';
import { RetailProductEntity } from '../retail/retail.dimensions';
import { foldChunk } from './directory.fold';
import { PostgresDirectoryStore } from './directory.postgres-store';
import { directoryDatabase } from './directory.test-bed';
import { type DirectoryEvent } from './directory.topics';

/**
 * The store on the real Postgres: the SQL applies the same rules as the pure functions, against
 * rows already stored, and every write is idempotent. Each write here is a chunk of its own, so
 * the WHERE of each upsert (not the in-memory fold) decides.
 */
describe('the directory on Postgres', () => {
  const bed = directoryDatabase('directory_store_test');
  let store: PostgresDirectoryStore;
  beforeAll(() => {
    store = new PostgresDirectoryStore(bed.db);
  });

  const write = (events: DirectoryEvent[]) => store.write(foldChunk(events));
  const jobs = (events: readonly TributaryIngest.JobStatusChanged[]) =>
    events.map((event): DirectoryEvent => ({ topic: 'ingest.jobs', event }));
  const storedJob = (jobId: string) =>
    bed.db.getRepository(IngestJobEntity).findOneBy({ job_id: jobId });

  it('applies its migrations once, in the schema the gateway reads', async () => {
    expect(bed.applied).toEqual([
      'CreateDirectory1764200000000',
      'EvUsersFirstNameIndex1764300000000',
      'NamePrefixIndexes1764400000000',
    ]);
    const tables = await bed.db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'directory'
       ORDER BY table_name`,
    );
    expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual([
      'banking_clients',
      'ev_chargers',
      'ev_users',
      'ingest_jobs',
      'ingest_rejections',
      'retail_products',
      'typeorm_migrations',
    ]);
  });

  it('keeps a job as the job rule says, whatever order its events arrive in (24 orders, one chunk each)', async () => {
    for (const order of permutations(lifecycle('x'))) {
      const jobId = randomUUID();
      const events = order.map((e) => ({ ...e, job_id: jobId }));
      // Each event on its own, then all again: the stored row decides every time.
      for (const event of [...events, ...events]) await write(jobs([event]));
      expect(await storedJob(jobId)).toEqual(lifecycleRow(jobId));
    }
  });

  it('gives the same row when the events arrive in chunks of two (folded in memory first)', async () => {
    for (const order of permutations(lifecycle('x'))) {
      const jobId = randomUUID();
      const events = order.map((e) => ({ ...e, job_id: jobId }));
      await write(jobs(events.slice(0, 2)));
      await write(jobs(events.slice(2)));
      await write(jobs(events.slice(1, 3)));
      expect(await storedJob(jobId)).toEqual(lifecycleRow(jobId));
    }
  });

  it('matches the pure rule event by event: stale, backwards, tied and final-to-final events', async () => {
    const jobId = randomUUID();
    const sequence: TributaryIngest.JobStatusChanged[] = [
      fileIngestEvent(jobId, 'running', 3, { rows_read: 30 }),
      fileIngestEvent(jobId, 'running', 2, { rows_read: 99 }), // older: ignored
      fileIngestEvent(jobId, 'running', 3, { rows_read: 29 }), // tie, fewer rows: ignored
      fileIngestEvent(jobId, 'running', 3, { rows_read: 31 }), // tie, more rows: applied
      fileIngestEvent(jobId, 'failed', 4, {
        error: 'landing store: object missing',
        finished_at: at(4),
      }),
      fileIngestEvent(jobId, 'running', 9, { rows_read: 500 }), // later but not final: ignored
      fileIngestEvent(jobId, 'succeeded', 8, {
        rows_read: 10,
        rows_accepted: 10,
        finished_at: at(8),
      }),
      fileIngestEvent(jobId, 'duplicate', 6, { duplicate_of: randomUUID(), finished_at: at(6) }),
      // A full tie (rank, time, rows read): the one delivered later is applied, as a re-delivery is.
      fileIngestEvent(jobId, 'partially_failed', 8, {
        rows_read: 10,
        rows_accepted: 9,
        rows_rejected: 1,
        finished_at: at(8),
      }),
    ];
    let expected: JobRow | undefined;
    for (const event of sequence) {
      await write(jobs([event]));
      expected = mergeJob(expected, jobRow(event));
      expect(await storedJob(jobId)).toEqual(expected);
    }
    expect(expected).toMatchObject({ status: 'partially_failed', error: null, rows_accepted: 9 });
  });

  it('stores each rejected row once, with every reason, text exactly as sent but NUL', async () => {
    const jobId = randomUUID();
    const rejection = (row_number: number, raw: string, reasons: string[]): DirectoryEvent => ({
      topic: 'ingest.rejections',
      event: { ...VALID_EVENTS['ingest.rejections'], job_id: jobId, row_number, raw, reasons },
    });
    const tricky = ['a, "b"', 'c\\d', '{e}', 'NULL', "o'neill", 'zoë 🚗'];
    await write([rejection(9, 's-9,"a, b",x\u0000', tricky), rejection(4, 'r4', ['one'])]);
    await write([rejection(4, 'r4 again', ['changed'])]);
    await write([rejection(9, 's-9', ['changed']), rejection(4, 'r4', ['one'])]);
    expect(
      await bed.db.getRepository(IngestRejectionEntity).find({
        where: { job_id: jobId },
        order: { row_number: 'ASC' },
      }),
    ).toEqual([
      {
        job_id: jobId,
        row_number: 4,
        dataset: 'retail.sales',
        object_key: VALID_EVENTS['ingest.rejections'].object_key,
        raw: 'r4',
        reasons: ['one'],
        event_id: VALID_EVENTS['ingest.rejections'].metadata.event_id,
        rejected_at: VALID_EVENTS['ingest.rejections'].metadata.occurred_at,
      },
      expect.objectContaining({ row_number: 9, raw: 's-9,"a, b",x', reasons: tricky }),
    ]);
  });

  it('keeps the latest version of each entity: by occurred_at, then row; older ones ignored', async () => {
    const product = VALID_EVENTS['retail.products'];
    const productId = `p-${randomUUID()}`;
    const version = (minute: number, row: number | null, name: string, price: string | null) => ({
      topic: 'retail.products' as const,
      event: {
        ...product,
        metadata: {
          ...product.metadata,
          event_id: randomUUID(),
          occurred_at: new Date(Date.UTC(2026, 10, 22, 10, minute)),
          source: { ...product.metadata.source, row_number: row },
        },
        product_id: productId,
        name,
        price,
      },
    });
    const newest = version(5, 2, 'newest', '12345678901234.5678');
    await write([version(5, 1, 'row 1 of the file', '1.0000')]);
    await write([newest]);
    await write([version(4, 900, 'an older file', '2.0000')]); // ignored
    await write([version(5, 1, 'row 1 again', '3.0000')]); // ignored: earlier row
    await write([newest]); // the same event again: the same row
    expect(
      await bed.db.getRepository(RetailProductEntity).findBy({ product_id: productId }),
    ).toEqual([
      {
        product_id: productId,
        name: 'newest',
        category: 'Coffee',
        price: '12345678901234.5678',
        event_id: newest.event.metadata.event_id,
        updated_at: newest.event.metadata.occurred_at,
        row_number: 2,
      },
    ]);
    // A later file replaces the whole row, nulls included.
    await write([version(6, 1, 'repriced', null)]);
    expect(
      await bed.db.getRepository(RetailProductEntity).findOneBy({ product_id: productId }),
    ).toMatchObject({
      name: 'repriced',
      price: null,
    });
  });

  it('round-trips every column of the other dimensions exactly', async () => {
    const suffix = randomUUID();
    const user = { ...VALID_EVENTS['ev.users'], user_id: `u-${suffix}` };
    const charger = { ...VALID_EVENTS['ev.chargers'], charger_id: `ch-${suffix}` };
    const client = { ...VALID_EVENTS['banking.clients'], client_id: `c-${suffix}` };
    await write([
      { topic: 'ev.users', event: user },
      { topic: 'ev.chargers', event: charger },
      { topic: 'banking.clients', event: client },
    ]);
    const provenance = (metadata: typeof user.metadata) => ({
      event_id: metadata.event_id,
      updated_at: metadata.occurred_at,
      row_number: 1,
    });
    const { metadata: m1, ...userFields } = user;
    const { metadata: m2, ...chargerFields } = charger;
    const { metadata: m3, ...clientFields } = client;
    expect(await bed.db.getRepository(EvUserEntity).findOneBy({ user_id: user.user_id })).toEqual({
      ...userFields,
      ...provenance(m1),
    });
    expect(
      await bed.db.getRepository(EvChargerEntity).findOneBy({ charger_id: charger.charger_id }),
    ).toEqual({ ...chargerFields, ...provenance(m2) });
    expect(
      await bed.db.getRepository(BankingClientEntity).findOneBy({ client_id: client.client_id }),
    ).toEqual({ ...clientFields, ...provenance(m3) });
  });

  it('refuses for good, as non-retriable, a row Postgres will never accept', async () => {
    const jobId = randomUUID();
    const bad = { ...fileIngestEvent(jobId, 'running', 1), status: 'paused' } as never;
    const error = await write(jobs([bad])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DirectoryWriteError);
    expect(error).toMatchObject({
      code: 'DIRECTORY.WRITE_REFUSED',
      retriable: false,
      sqlState: '23514',
    });
    expect(await storedJob(jobId)).toBeNull();
  });
});
