import { type Readable } from 'node:stream';
import { TributaryError } from '@tributary/contracts';

/** A raw file in the landing store (the bronze copy every ingest job reads from). */
export interface LandedObject {
  readonly key: string;
  readonly checksumSha256: string;
  readonly sizeBytes: number;
}

/**
 * Where raw files are kept, as they arrived. Objects are content-addressed (their key ends with
 * the SHA-256 of their bytes), so landing the same file again stores nothing new, and a key never
 * changes meaning: a job can always re-read exactly what it was given.
 */
export interface LandingStore {
  /**
   * Streams `body` into the store, hashing it on the way (never holding it whole), then files it
   * under `keyFor(checksum)`. Fails with `FileTooLargeError` past `maxBytes`, leaving nothing.
   */
  land(
    body: Readable,
    keyFor: (checksumSha256: string) => string,
    options?: { maxBytes?: number },
  ): Promise<LandedObject>;
  /** The object's bytes; `LandingObjectNotFoundError` when there is none. */
  open(key: string): Promise<Readable>;
}

export class FileTooLargeError extends TributaryError {
  constructor(readonly maxBytes: number) {
    super('LANDING.FILE_TOO_LARGE', `the file is larger than the limit of ${maxBytes} bytes`);
  }
}

export class LandingObjectNotFoundError extends TributaryError {
  constructor(key: string) {
    super('LANDING.NOT_FOUND', `no object ${key} in the landing store`);
  }
}

export class LandingStoreUnavailableError extends TributaryError {
  constructor(message: string, cause?: unknown) {
    super('LANDING.UNAVAILABLE', message, { retriable: true, cause });
  }
}

const KNOWN_EXTENSION = /\.(csv|tsv|txt|json|ndjson|jsonl|xlsx)(\.gz)?$|\.gz$/i;

/**
 * `<dataset>/<YYYY-MM-DD>/<sha256><ext>`: by dataset and day for whoever browses the bucket, by
 * checksum for uniqueness. The extension of the name as sent is kept when it is a known one, so
 * the object opens in the right tool; the name itself is not (it is in the job).
 */
export function landingKey(
  dataset: string,
  receivedAt: Date,
  checksumSha256: string,
  fileName: string,
): string {
  if (!/^[a-z]+(\.[a-z]+)?$/.test(dataset)) throw new Error(`invalid dataset ${dataset}`);
  const extension = KNOWN_EXTENSION.exec(fileName)?.[0].toLowerCase() ?? '';
  return `${dataset}/${receivedAt.toISOString().slice(0, 10)}/${checksumSha256}${extension}`;
}

/** Keys are relative paths of safe characters: never absolute, never `..`. */
export function assertSafeKey(key: string): void {
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(key) || key.split('/').includes('..'))
    throw new Error(`invalid landing key ${JSON.stringify(key)}`);
}
