import { type Topic, type TopicEvents } from '@tributary/contracts';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type EventBus } from '../events/event-bus';
import { FileIntake } from './file-intake';
import { FilesystemLandingStore } from './filesystem-landing-store';
import { FileTooLargeError, LandingObjectNotFoundError, landingKey } from './landing-store';

// sha256 of the 6 bytes "hello\n", as printed by `printf 'hello\n' | sha256sum`.
const HELLO_SHA256 = '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03';

describe('the filesystem landing store', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'landing-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('files a stream under the key made from its checksum, and reads it back', async () => {
    const store = new FilesystemLandingStore(root);
    const landed = await store.land(Readable.from([Buffer.from('hel'), Buffer.from('lo\n')]), (c) =>
      landingKey('energy.usage', new Date('2026-11-22T23:59:59Z'), c, 'Usage March.CSV.gz'),
    );
    expect(landed).toEqual({
      key: `energy.usage/2026-11-22/${HELLO_SHA256}.csv.gz`,
      checksumSha256: HELLO_SHA256,
      sizeBytes: 6,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of await store.open(landed.key)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hello\n');
    expect(await readdir(join(root, '.incoming'))).toEqual([]);
  });

  it('refuses a file past the limit and keeps nothing of it', async () => {
    const store = new FilesystemLandingStore(root);
    await expect(
      store.land(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), () => 'x/y', {
        maxBytes: 1_000,
      }),
    ).rejects.toThrow(new FileTooLargeError(1_000));
    expect(await readdir(join(root, '.incoming'))).toEqual([]);
    expect(await readdir(root)).toEqual(['.incoming']);
  });

  it('says which object is missing, and refuses keys that leave the store', async () => {
    const store = new FilesystemLandingStore(root);
    await expect(store.open('a/b.csv')).rejects.toThrow(new LandingObjectNotFoundError('a/b.csv'));
    await expect(store.open('../etc/passwd')).rejects.toThrow('invalid landing key');
  });
});

describe('file intake', () => {
  it('lands the file, then publishes a queued job and the claim check', async () => {
    const root = await mkdtemp(join(tmpdir(), 'intake-'));
    const published: { topic: Topic; events: unknown[] }[] = [];
    const bus: EventBus = {
      publish: async <T extends Topic>(topic: T, events: readonly TopicEvents[T][]) => {
        published.push({ topic, events: [...events] });
      },
      publishBatches: async () => {
        throw new Error('the intake publishes events one by one');
      },
    };
    const ids = ['job-1', 'event-1', 'event-2'];
    const at = new Date('2026-11-22T10:00:00Z');
    const intake = new FileIntake(
      new FilesystemLandingStore(root),
      bus,
      () => at,
      () => ids.shift()!,
    );
    const job = await intake.receive({
      body: Readable.from([Buffer.from('hello\n')]),
      fileName: 'usage.csv',
      dataset: 'energy.usage',
      source: 'upload',
      options: { threshold: '30' },
      submittedBy: 'account-1',
      contentType: 'text/csv',
      traceId: 'request-1',
    });
    const key = `energy.usage/2026-11-22/${HELLO_SHA256}.csv`;
    expect(job).toEqual({
      job_id: 'job-1',
      dataset: 'energy.usage',
      status: 'queued',
      file_name: 'usage.csv',
      object_key: key,
      checksum_sha256: HELLO_SHA256,
      size_bytes: 6,
      queued_at: at,
    });
    expect(await readFile(join(root, key), 'utf8')).toBe('hello\n');
    expect(published.map((p) => p.topic)).toEqual(['ingest.jobs', 'ingest.files-received']);
    expect(published[0]!.events[0]).toMatchObject({
      metadata: { event_id: 'event-1', trace_id: 'request-1', source: { kind: 'file' } },
      job_id: 'job-1',
      status: 'queued',
      source: 'upload',
      submitted_by: 'account-1',
      queued_at: at,
    });
    expect(published[1]!.events[0]).toMatchObject({
      metadata: { event_id: 'event-2' },
      job_id: 'job-1',
      object_key: key,
      options: { threshold: '30' },
      source: 'upload',
    });
    await rm(root, { recursive: true, force: true });
  });
});
