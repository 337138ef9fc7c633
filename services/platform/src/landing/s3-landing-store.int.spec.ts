import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { stackConfig, uniqueName } from '@tributary/testing';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { createLandingStore, landingConfigSchema } from './landing.config';
import { FileTooLargeError, LandingObjectNotFoundError } from './landing-store';
import { S3LandingStore } from './s3-landing-store';

/** The S3 adapter against the stack's S3-compatible server (S3Proxy), a bucket per run. */
describe('the S3 landing store', () => {
  const config = stackConfig(
    z.object({
      S3_ENDPOINT: z.string(),
      S3_REGION: z.string(),
      S3_ACCESS_KEY_ID: z.string(),
      S3_SECRET_ACCESS_KEY: z.string(),
    }),
  );
  const bucket = uniqueName('landing').replace(/_/g, '-').toLowerCase();
  const store = new S3LandingStore({
    bucket,
    prefix: 'raw/',
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
  });

  beforeAll(() => store.ensureBucket());

  const keys = async () =>
    ((await store.client.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map(
      (o) => o.Key,
    );

  async function bytesOf(stream: Readable): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  it('lands a file bigger than a part as a multipart upload, under its checksum', async () => {
    // 20 MiB in 1 MiB chunks of a repeating pattern: three parts of 8, 8 and 4 MiB.
    const chunk = Buffer.alloc(1024 * 1024, 'tributary,');
    const expected = createHash('sha256');
    for (let i = 0; i < 20; i++) expected.update(chunk);
    const checksum = expected.digest('hex');
    const landed = await store.land(
      Readable.from(Array.from({ length: 20 }, () => chunk)),
      (c) => `telemetry.readings/2026-11-22/${c}.csv`,
    );
    expect(landed).toEqual({
      key: `telemetry.readings/2026-11-22/${checksum}.csv`,
      checksumSha256: checksum,
      sizeBytes: 20 * 1024 * 1024,
    });
    const read = await bytesOf(await store.open(landed.key));
    expect(read.length).toBe(20 * 1024 * 1024);
    expect(createHash('sha256').update(read).digest('hex')).toBe(checksum);
    expect(await keys()).toEqual([`raw/${landed.key}`]);
  });

  it('lands a small file in one request', async () => {
    const landed = await store.land(Readable.from([Buffer.from('hello\n')]), (c) => `x/${c}`);
    // sha256 of "hello\n", as printed by `printf 'hello\n' | sha256sum`.
    expect(landed.checksumSha256).toBe(
      '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03',
    );
    expect((await bytesOf(await store.open(landed.key))).toString()).toBe('hello\n');
  });

  it('is what the configuration makes when a bucket is named', async () => {
    const configured = await createLandingStore(
      landingConfigSchema.parse({
        LANDING_S3_BUCKET: `${bucket}-cfg`,
        S3_ENDPOINT: config.S3_ENDPOINT,
        S3_REGION: config.S3_REGION,
        S3_ACCESS_KEY_ID: config.S3_ACCESS_KEY_ID,
        S3_SECRET_ACCESS_KEY: config.S3_SECRET_ACCESS_KEY,
      }),
    );
    expect(configured).toBeInstanceOf(S3LandingStore);
    const landed = await configured.land(Readable.from([Buffer.from('hello\n')]), (c) => c);
    expect((await bytesOf(await configured.open(landed.key))).toString()).toBe('hello\n');
  });

  it('refuses a file over the limit and leaves nothing behind', async () => {
    const before = await keys();
    const chunk = Buffer.alloc(1024 * 1024);
    await expect(
      store.land(Readable.from(Array.from({ length: 12 }, () => chunk)), () => 'never/written', {
        maxBytes: 10 * 1024 * 1024,
      }),
    ).rejects.toThrow(new FileTooLargeError(10 * 1024 * 1024));
    expect(await keys()).toEqual(before);
  });

  it('says which object is missing', async () => {
    await expect(store.open('no/such.csv')).rejects.toThrow(
      new LandingObjectNotFoundError('no/such.csv'),
    );
  });
});
