import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertSafeKey,
  FileTooLargeError,
  LandingObjectNotFoundError,
  type LandedObject,
  type LandingStore,
} from './landing-store';

/**
 * The landing store on a local or mounted filesystem (the default; a shared volume when the
 * gateway and file-ingest run apart). A file is written under `.incoming/` and renamed into place
 * once complete, so a reader never sees half a file.
 */
export class FilesystemLandingStore implements LandingStore {
  constructor(private readonly root: string) {}

  async land(
    body: Readable,
    keyFor: (checksumSha256: string) => string,
    options: { maxBytes?: number } = {},
  ): Promise<LandedObject> {
    const incoming = join(this.root, '.incoming');
    await mkdir(incoming, { recursive: true });
    const temporary = join(incoming, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const limit = options.maxBytes ?? Number.POSITIVE_INFINITY;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > limit) return callback(new FileTooLargeError(limit));
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(temporary));
      const checksumSha256 = hash.digest('hex');
      const key = keyFor(checksumSha256);
      assertSafeKey(key);
      const target = join(this.root, key);
      await mkdir(dirname(target), { recursive: true });
      // Same key, same bytes: replacing an existing object changes nothing.
      await rename(temporary, target);
      return { key, checksumSha256, sizeBytes: size };
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async open(key: string): Promise<Readable> {
    assertSafeKey(key);
    const path = join(this.root, key);
    try {
      await stat(path);
    } catch {
      throw new LandingObjectNotFoundError(key);
    }
    return createReadStream(path, { highWaterMark: 256 * 1024 });
  }
}
