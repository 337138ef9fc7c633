import {
  fileRowEventId,
  InvalidEventError,
  type Topic,
  type TopicEvents,
  type TributaryIngest,
} from '@tributary/contracts';
import {
  createLogger,
  EventBusUnavailableError,
  type EventBus,
  type LandingStore,
} from '@tributary/platform';
import { Readable } from 'node:stream';
import { type OpenFile, type RawRecord, UnreadableFileError } from '../formats/record-reader';
import { IngestJobRunner } from './ingest-job.runner';
import { type Claim, type JobLedger } from './job-ledger';

const AT = new Date('2026-11-22T10:00:00Z');
const CHECKSUM = 'ab'.repeat(32);
const JOB = '11111111-1111-4111-8111-111111111111';

function fileReceived(
  dataset: string,
  options: Record<string, string> = {},
): TributaryIngest.FileReceived {
  return {
    metadata: {
      event_id: '22222222-2222-4222-8222-222222222222',
      occurred_at: new Date('2026-11-22T09:59:00Z'),
      ingested_at: new Date('2026-11-22T09:59:00Z'),
      source: { kind: 'file', reference: JOB, row_number: null },
      trace_id: 'req-1',
    },
    job_id: JOB,
    dataset,
    object_key: `energy.usage/2026-11-22/${CHECKSUM}.csv`,
    file_name: 'usage.csv',
    checksum_sha256: CHECKSUM,
    size_bytes: 100,
    content_type: 'text/csv',
    submitted_by: 'account-1',
    options,
    source: 'upload',
  };
}

const csvRows = (...rows: Record<string, string>[]): RawRecord[] =>
  rows.map((values, i) => ({ rowNumber: i + 1, values, raw: Object.values(values).join(',') }));

function harness(options: {
  records: RawRecord[];
  failAfter?: number;
  claim?: Claim;
  refuse?: (event: unknown) => boolean;
  chunkRows?: number;
  batches?: boolean;
  maxInFlight?: number;
  /** Awaited before a batch publish is acknowledged: the test decides when Kafka answers. */
  acknowledge?: () => Promise<void>;
}) {
  // What a consumer sees: the events of each topic, whichever way they were published.
  const published: { topic: Topic; events: unknown[]; batched: boolean }[] = [];
  const record =
    (batched: boolean) =>
    async <T extends Topic>(topic: T, events: readonly TopicEvents[T][]) => {
      if (options.refuse && events.some(options.refuse))
        throw new InvalidEventError(topic, ['usage_kwh: refused by the test']);
      if (batched && options.acknowledge) await options.acknowledge();
      published.push({ topic, events: [...events], batched });
    };
  const bus: EventBus = { publish: record(false), publishBatches: record(true) };
  const finished: unknown[] = [];
  const ledger: JobLedger = {
    claim: async () => options.claim ?? { outcome: 'run' },
    finish: async (...args) => void finished.push(args),
  };
  const store: LandingStore = {
    land: async () => {
      throw new Error('not used');
    },
    open: async () => Readable.from([]),
  };
  let pulled = 0;
  const openFile: OpenFile = async () => {
    const batches = (async function* () {
      let n = 0;
      for (const record of options.records) {
        pulled++;
        if (options.failAfter !== undefined && n++ === options.failAfter)
          throw new UnreadableFileError('the file is not valid gzip: unexpected end of file');
        yield [record];
      }
    })();
    const records = (async function* () {
      for await (const batch of batches) yield* batch;
    })();
    return { format: 'csv', compressed: false, batches, records };
  };
  const runner = new IngestJobRunner(
    { store, bus, ledger, openFile, clock: () => AT, log: createLogger('test', 'silent') },
    {
      chunkRows: options.chunkRows ?? 1000,
      batches: options.batches ?? true,
      maxInFlight: options.maxInFlight ?? 1,
      progressIntervalMs: 60_000,
      maxRowChars: 1_000_000,
      defaultThresholdKwh: 40,
      retry: { initialMs: 1, maxMs: 1 },
    },
  );
  const on = (topic: Topic) => published.filter((p) => p.topic === topic).flatMap((p) => p.events);
  /** How many events each publish to `topic` carried, in order. */
  const publishes = (topic: Topic) =>
    published.filter((p) => p.topic === topic).map((p) => p.events.length);
  /** Which topics went out in batches, and which one by one. */
  const ways = () => [
    ...new Set(published.map((p) => `${p.topic} ${p.batched ? 'batched' : 'one by one'}`)),
  ];
  return { runner, on, publishes, ways, finished, pulled: () => pulled };
}

const jobs = (events: unknown[]) =>
  (events as TributaryIngest.JobStatusChanged[]).map((j) => ({
    status: j.status,
    read: j.rows_read,
    accepted: j.rows_accepted,
    rejected: j.rows_rejected,
    error: j.error,
  }));

describe('an ingest job', () => {
  it('publishes a fact dataset’s rows and the rejections in batches, entities and job states one by one (or all one by one)', async () => {
    const records = () =>
      csvRows(
        { user_id: 'u-1', date: '2026-10-01', usage_kwh: '12.5' },
        { user_id: 'u-1', date: '2026-10-02', usage_kwh: 'lots' },
        { user_id: 'u-2', date: '2026-10-01', usage_kwh: '31' },
      );
    const batched = harness({ records: records() });
    await batched.runner.run(fileReceived('energy.usage', { threshold: '30' }));
    expect(batched.ways().sort()).toEqual([
      'energy.alerts one by one',
      'energy.usage batched',
      'ingest.jobs one by one',
      'ingest.rejections batched',
    ]);
    const single = harness({ records: records(), batches: false });
    await single.runner.run(fileReceived('energy.usage', { threshold: '30' }));
    expect(single.ways().sort()).toEqual([
      'energy.alerts one by one',
      'energy.usage one by one',
      'ingest.jobs one by one',
      'ingest.rejections one by one',
    ]);
    // The same events either way.
    for (const topic of ['energy.usage', 'ingest.rejections', 'energy.alerts'] as const)
      expect(batched.on(topic)).toEqual(single.on(topic));
    const users = harness({
      records: csvRows({ user_id: 'u-1', first_name: 'Ana', last_name: 'Souza' }),
    });
    await users.runner.run(fileReceived('ev.users'));
    expect(users.ways()).toContain('ev.users one by one');
  });

  it('publishes valid rows, rejects the others with every reason, and alerts above the threshold', async () => {
    const { runner, on, finished } = harness({
      records: csvRows(
        { user_id: 'u-1', date: '2026-10-01', usage_kwh: '12.5' },
        { user_id: 'u-1', date: '2026-10-02', usage_kwh: 'lots' },
        { user_id: 'u-2', date: '2026-10-01', usage_kwh: '31' },
      ),
    });
    await expect(runner.run(fileReceived('energy.usage', { threshold: '30' }))).resolves.toBe(
      'partially_failed',
    );
    expect(on('energy.usage')).toEqual([
      expect.objectContaining({ user_id: 'u-1', date: '2026-10-01', usage_kwh: 12.5 }),
      expect.objectContaining({ user_id: 'u-2', date: '2026-10-01', usage_kwh: 31 }),
    ]);
    const usageIds = (on('energy.usage') as { metadata: { event_id: string } }[]).map(
      (e) => e.metadata.event_id,
    );
    expect(usageIds).toEqual([
      fileRowEventId('energy.usage', CHECKSUM, 1),
      fileRowEventId('energy.usage', CHECKSUM, 3),
    ]);
    expect(on('energy.alerts')).toEqual([
      expect.objectContaining({
        user_id: 'u-2',
        usage_kwh: 31,
        threshold_kwh: 30,
        usage_event_id: usageIds[1],
      }),
    ]);
    expect(on('ingest.rejections')).toEqual([
      expect.objectContaining({
        job_id: JOB,
        row_number: 2,
        raw: 'u-1,2026-10-02,lots',
        reasons: ['usage_kwh: must be a number, got "lots"'],
      }),
    ]);
    expect(jobs(on('ingest.jobs'))).toEqual([
      { status: 'running', read: 0, accepted: 0, rejected: 0, error: null },
      { status: 'running', read: 3, accepted: 2, rejected: 1, error: null },
      { status: 'partially_failed', read: 3, accepted: 2, rejected: 1, error: null },
    ]);
    expect(finished).toEqual([['energy.usage', CHECKSUM, JOB, true]]);
  });

  it('uses the configured threshold when the upload gives none', async () => {
    const { runner, on } = harness({
      records: csvRows({ user_id: 'u-1', date: '2026-10-01', usage_kwh: '40.5' }),
    });
    await expect(runner.run(fileReceived('energy.usage'))).resolves.toBe('succeeded');
    expect(on('energy.alerts')).toEqual([expect.objectContaining({ threshold_kwh: 40 })]);
  });

  it('reads nothing of a file its dataset already ingested', async () => {
    const first = '33333333-3333-4333-8333-333333333333';
    const { runner, on } = harness({
      records: csvRows({ user_id: 'u-1', date: '2026-10-01', usage_kwh: '1' }),
      claim: { outcome: 'duplicate', of: first },
    });
    await expect(runner.run(fileReceived('energy.usage'))).resolves.toBe('duplicate');
    expect(on('energy.usage')).toEqual([]);
    expect(on('ingest.jobs')).toEqual([
      expect.objectContaining({ status: 'duplicate', duplicate_of: first, rows_read: 0 }),
    ]);
  });

  it('fails with the reader’s reason when the file breaks, keeping the rows before it', async () => {
    const { runner, on, finished } = harness({
      records: csvRows(
        { user_id: 'u-1', date: '2026-10-01', usage_kwh: '1' },
        { user_id: 'u-1', date: '2026-10-02', usage_kwh: '2' },
      ),
      failAfter: 1,
      chunkRows: 1,
    });
    await expect(runner.run(fileReceived('energy.usage'))).resolves.toBe('failed');
    expect(on('energy.usage')).toHaveLength(1);
    expect(jobs(on('ingest.jobs')).at(-1)).toEqual({
      status: 'failed',
      read: 1,
      accepted: 1,
      rejected: 0,
      error: 'the file is not valid gzip: unexpected end of file',
    });
    expect(finished).toEqual([['energy.usage', CHECKSUM, JOB, false]]);
  });

  it('publishes rejected rows in chunks of their own, not a few with every chunk of events', async () => {
    // 12 rows, every third one invalid; chunks of 3 rows.
    const records = csvRows(
      ...Array.from({ length: 12 }, (_, i) => ({
        user_id: `u-${i + 1}`,
        date: '2026-10-01',
        usage_kwh: (i + 1) % 3 === 0 ? 'lots' : String(i + 1),
      })),
    );
    const { runner, on, publishes } = harness({ records, chunkRows: 3 });
    await expect(runner.run(fileReceived('energy.usage'))).resolves.toBe('partially_failed');
    expect(publishes('energy.usage')).toEqual([3, 3, 2]);
    // Four rejections: three make a chunk, the fourth goes out with the file's end.
    expect(publishes('ingest.rejections')).toEqual([3, 1]);
    expect((on('ingest.rejections') as { row_number: number }[]).map((r) => r.row_number)).toEqual([
      3, 6, 9, 12,
    ]);
    expect(jobs(on('ingest.jobs')).at(-1)).toMatchObject({ accepted: 8, rejected: 4 });
  });

  it('keeps the rejections of the rows read before the file breaks', async () => {
    const { runner, on } = harness({
      records: csvRows(
        { user_id: 'u-1', date: '2026-10-01', usage_kwh: '1' },
        { user_id: 'u-2', date: '2026-10-01', usage_kwh: 'lots' },
        { user_id: 'u-3', date: '2026-10-01', usage_kwh: '3' },
      ),
      failAfter: 2,
      chunkRows: 10,
    });
    await expect(runner.run(fileReceived('energy.usage'))).resolves.toBe('failed');
    expect(on('ingest.rejections')).toEqual([
      expect.objectContaining({ row_number: 2, reasons: [expect.stringMatching(/^usage_kwh: /)] }),
    ]);
    expect(jobs(on('ingest.jobs')).at(-1)).toMatchObject({ status: 'failed', rejected: 1 });
  });

  it('falls back to row by row when a chunk is refused, so only the bad row is rejected', async () => {
    const { runner, on } = harness({
      records: csvRows(
        { user_id: 'u-1', date: '2026-10-01', usage_kwh: '1' },
        { user_id: 'u-2', date: '2026-10-01', usage_kwh: '2' },
        { user_id: 'u-3', date: '2026-10-01', usage_kwh: '3' },
      ),
      refuse: (event) => (event as { user_id?: string }).user_id === 'u-2',
    });
    await expect(runner.run(fileReceived('energy.usage'))).resolves.toBe('partially_failed');
    expect((on('energy.usage') as { user_id: string }[]).map((e) => e.user_id)).toEqual([
      'u-1',
      'u-3',
    ]);
    expect(on('ingest.rejections')).toEqual([
      expect.objectContaining({
        row_number: 2,
        reasons: ['invalid energy.usage event: usage_kwh: refused by the test'],
      }),
    ]);
  });

  it('recognises the dataset from the columns and says so', async () => {
    const { runner, on } = harness({
      records: csvRows({
        sale_id: 's-1',
        product_id: 'p-1',
        quantity: '2',
        amount: '3.5',
        sale_date: '2026-10-01',
      }),
    });
    await expect(runner.run(fileReceived('auto'))).resolves.toBe('succeeded');
    expect(on('retail.sales')).toEqual([
      expect.objectContaining({ sale_id: 's-1', quantity: 2, amount: '3.5000' }),
    ]);
    expect(on('ingest.jobs').at(-1)).toMatchObject({
      dataset: 'retail.sales',
      dataset_detected: true,
      format: 'csv',
    });
  });

  it('fails a tabular file whose header misses a required column, naming it', async () => {
    const { runner, on } = harness({
      records: csvRows({ user_id: 'u-1', date: '2026-10-01' }),
    });
    await expect(runner.run(fileReceived('energy.usage'))).resolves.toBe('failed');
    expect(on('ingest.jobs').at(-1)).toMatchObject({
      status: 'failed',
      error:
        'the file\'s columns do not fit energy.usage: missing usage_kwh (or usage, kwh, consumption, consumption_kwh); found "user_id", "date"',
    });
  });
});

describe('an ingest job ahead of Kafka', () => {
  it('reads no further while maxInFlight chunks are unacknowledged, and reads on as each is', async () => {
    // Each batch publish waits for the test's word, as if Kafka were slow to acknowledge.
    const answers: (() => void)[] = [];
    let asked: () => void = () => undefined;
    const acknowledge = () =>
      new Promise<void>((resolve) => {
        answers.push(resolve);
        asked();
      });
    /** Resolves once `n` batch publishes wait for an answer, then lets the reader run if it could. */
    const waiting = async (n: number) => {
      while (answers.length < n) await new Promise<void>((resolve) => (asked = resolve));
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    const records = Array.from(
      { length: 5 },
      (_, i) =>
        csvRows({ sensor_id: 's-1', timestamp: `2026-10-01T00:0${i}:00Z`, temperature: '20' })[0]!,
    ).map((r, i) => ({ ...r, rowNumber: i + 1 }));
    const { runner, on, pulled } = harness({ records, chunkRows: 1, maxInFlight: 2, acknowledge });
    const done = runner.run(fileReceived('telemetry.readings'));

    await waiting(2);
    expect(pulled()).toBe(2);
    answers[0]!();
    await waiting(3);
    expect(pulled()).toBe(3);
    answers[1]!();
    answers[2]!();
    await waiting(5);
    expect(pulled()).toBe(5);
    answers[3]!();
    answers[4]!();
    await expect(done).resolves.toBe('succeeded');
    expect(on('telemetry.readings')).toHaveLength(5);
  });
});

describe('an ingest job while the service stops', () => {
  it('stops waiting out a Kafka outage, so the job is left uncommitted to re-run', async () => {
    const outage = new EventBusUnavailableError('Kafka did not acknowledge within 10 ms');
    const runner = new IngestJobRunner(
      {
        store: {
          land: async () => ({ key: '', checksumSha256: '', sizeBytes: 0 }),
          open: async () => Readable.from([]),
        },
        bus: {
          publish: async () => Promise.reject(outage),
          publishBatches: async () => Promise.reject(outage),
        },
        ledger: { claim: async () => ({ outcome: 'run' }), finish: async () => undefined },
        openFile: async () => {
          throw new Error('not reached');
        },
        clock: () => AT,
        log: createLogger('test', 'silent'),
        stopping: () => true,
      },
      {
        chunkRows: 10,
        batches: true,
        maxInFlight: 1,
        progressIntervalMs: 1_000,
        maxRowChars: 1_000,
        defaultThresholdKwh: null,
        retry: { initialMs: 60_000, maxMs: 60_000 },
      },
    );
    await expect(runner.run(fileReceived('energy.usage'))).rejects.toBe(outage);
  });
});
