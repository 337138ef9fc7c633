import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createHash, randomUUID } from 'node:crypto';
import { type Readable } from 'node:stream';
import {
  assertSafeKey,
  FileTooLargeError,
  LandingObjectNotFoundError,
  LandingStoreUnavailableError,
  type LandedObject,
  type LandingStore,
} from './landing-store';

/** S3's smallest part but the last is 5 MiB; 8 MiB parts keep memory at one part per upload. */
const PART_BYTES = 8 * 1024 * 1024;

export interface S3LandingOptions {
  readonly bucket: string;
  /** Prepended to every key, e.g. `landing/`. */
  readonly prefix?: string;
  readonly endpoint?: string;
  readonly region: string;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
}

const isMissing = (error: unknown) => {
  const name = (error as { name?: unknown } | null)?.name;
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata
    ?.httpStatusCode;
  return name === 'NoSuchKey' || name === 'NotFound' || status === 404;
};

/** A failure S3 gave: an outage when it is a connection or server error, else a bug here. */
function classify(error: unknown, what: string): unknown {
  if (error instanceof FileTooLargeError || error instanceof LandingObjectNotFoundError)
    return error;
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata
    ?.httpStatusCode;
  if (status === undefined || status >= 500 || status === 429)
    return new LandingStoreUnavailableError(`${what}: ${(error as Error).message}`, error);
  return error;
}

/**
 * The landing store on any S3-compatible object store. A file is streamed as a multipart upload
 * (one 8 MiB part in memory at a time) under a temporary key while it is hashed, then copied to
 * its content-addressed key and the temporary object deleted, so a reader never sees half a file.
 * (CopyObject copies up to 5 GiB in one call: above MAX_FILE_BYTES' default of 2 GiB.)
 */
export class S3LandingStore implements LandingStore {
  readonly client: S3Client;

  constructor(private readonly options: S3LandingOptions) {
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      ...(options.accessKeyId && options.secretAccessKey
        ? {
            credentials: {
              accessKeyId: options.accessKeyId,
              secretAccessKey: options.secretAccessKey,
            },
          }
        : {}),
    });
  }

  private key(key: string): string {
    return `${this.options.prefix ?? ''}${key}`;
  }

  /** Creates the bucket when it does not exist (a fresh local stack); a no-op otherwise. */
  async ensureBucket(): Promise<void> {
    const Bucket = this.options.bucket;
    try {
      await this.client.send(new HeadBucketCommand({ Bucket }));
    } catch (error) {
      if (!isMissing(error)) throw classify(error, `bucket ${Bucket}`);
      await this.client.send(new CreateBucketCommand({ Bucket }));
    }
  }

  async land(
    body: Readable,
    keyFor: (checksumSha256: string) => string,
    options: { maxBytes?: number } = {},
  ): Promise<LandedObject> {
    const Bucket = this.options.bucket;
    const temporary = this.key(`.incoming/${randomUUID()}`);
    const limit = options.maxBytes ?? Number.POSITIVE_INFINITY;
    const hash = createHash('sha256');
    let size = 0;
    let uploadId: string | undefined;
    const parts: { ETag: string; PartNumber: number }[] = [];
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const sendPart = async () => {
      const part = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      if (!uploadId) {
        const created = await this.client.send(
          new CreateMultipartUploadCommand({ Bucket, Key: temporary }),
        );
        uploadId = created.UploadId!;
      }
      const PartNumber = parts.length + 1;
      const sent = await this.client.send(
        new UploadPartCommand({
          Bucket,
          Key: temporary,
          UploadId: uploadId,
          PartNumber,
          Body: part,
        }),
      );
      parts.push({ ETag: sent.ETag!, PartNumber });
    };
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > limit) throw new FileTooLargeError(limit);
        hash.update(chunk);
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= PART_BYTES) await sendPart();
      }
      if (uploadId) {
        if (pendingBytes > 0) await sendPart();
        await this.client.send(
          new CompleteMultipartUploadCommand({
            Bucket,
            Key: temporary,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts },
          }),
        );
      } else {
        // Under one part: a single PUT.
        await this.client.send(
          new PutObjectCommand({
            Bucket,
            Key: temporary,
            Body: Buffer.concat(pending, pendingBytes),
          }),
        );
      }
      const checksumSha256 = hash.digest('hex');
      const key = keyFor(checksumSha256);
      assertSafeKey(key);
      await this.client.send(
        new CopyObjectCommand({
          Bucket,
          Key: this.key(key),
          CopySource: `${Bucket}/${encodeURIComponent(temporary).replace(/%2F/g, '/')}`,
        }),
      );
      await this.client.send(new DeleteObjectCommand({ Bucket, Key: temporary }));
      return { key, checksumSha256, sizeBytes: size };
    } catch (error) {
      body.destroy();
      if (uploadId)
        await this.client
          .send(new AbortMultipartUploadCommand({ Bucket, Key: temporary, UploadId: uploadId }))
          .catch(() => undefined);
      await this.client
        .send(new DeleteObjectCommand({ Bucket, Key: temporary }))
        .catch(() => undefined);
      throw classify(error, `landing ${temporary}`);
    }
  }

  async open(key: string): Promise<Readable> {
    assertSafeKey(key);
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) }),
      );
      return object.Body as Readable;
    } catch (error) {
      if (isMissing(error)) throw new LandingObjectNotFoundError(key);
      throw classify(error, `reading ${key}`);
    }
  }
}
