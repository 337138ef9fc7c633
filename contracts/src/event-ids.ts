import { hash as oneShotHash } from 'node:crypto';

/**
 * A name-based UUID (RFC 9562 version 5: SHA-1 of a namespace and a name). The same name always
 * gives the same id, which is what makes re-sent readings and re-ingested files idempotent: the
 * event id is derived from what identifies the fact, not drawn at random.
 */
const namespaces = new Map<string, Buffer>();

function namespaceBytes(namespace: string): Buffer {
  let bytes = namespaces.get(namespace);
  if (!bytes) {
    const hex = namespace.replace(/-/g, '');
    if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`namespace ${namespace} is not a UUID`);
    bytes = Buffer.from(hex, 'hex');
    namespaces.set(namespace, bytes);
  }
  return bytes;
}

export function nameBasedUuid(namespace: string, name: string): string {
  // The one-shot hash costs about half of a Hash object per id; ids are made for every file row.
  const hash = oneShotHash(
    'sha1',
    Buffer.concat([namespaceBytes(namespace), Buffer.from(name, 'utf8')]),
    'buffer',
  );
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC variant
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Namespace of reading ids derived from a client's idempotency key (fixed forever). */
export const READING_ID_NAMESPACE = '6f6b3d2e-8a63-4c4e-9a57-3c1d2b7e9f10';

/** The id of a reading a client sent with its own idempotency key. */
export function readingIdFor(sensorId: string, clientKey: string): string {
  return nameBasedUuid(READING_ID_NAMESPACE, `${sensorId}:${clientKey}`);
}

/** Namespace of ids derived from a row of an ingested file (fixed forever). */
export const FILE_ROW_NAMESPACE = '2b0f6c1e-5d47-4a8e-b3c9-8e1f0a7d4c25';

/** Row numbers fit the id's last 48 bits. */
const MAX_ROW_NUMBER = 2 ** 48 - 1;

/**
 * The event ids of one file's rows in one dataset: the same bytes ingested into the same dataset
 * give the same ids, whatever the source and however many times, so a re-run job or a
 * re-ingested file changes nothing downstream. `kind` separates events derived from the same row
 * (the row's fact, its rejection, its alert).
 *
 * An RFC 9562 version 8 UUID: its first 74 free bits are a SHA-1 of the file's identity, hashed
 * once per file, and its last 48 bits the row number. Hashing every row (a version 5 id each)
 * was 9% of file-ingest's CPU; this is unique for the same reason (distinct rows of one file
 * differ in their number, distinct files in 74 bits of hash) at the cost of formatting a number.
 */
export function fileRowEventIds(
  dataset: string,
  checksumSha256: string,
  kind: 'row' | 'rejection' | 'alert' = 'row',
): (rowNumber: number) => string {
  const hash = oneShotHash(
    'sha1',
    Buffer.concat([
      namespaceBytes(FILE_ROW_NAMESPACE),
      Buffer.from(`${kind}:${dataset}:${checksumSha256}`, 'utf8'),
    ]),
    'buffer',
  );
  hash[6] = (hash[6]! & 0x0f) | 0x80; // version 8
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC variant
  const h = hash.subarray(0, 10).toString('hex');
  const prefix = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-`;
  return (rowNumber) => {
    if (!Number.isSafeInteger(rowNumber) || rowNumber < 0 || rowNumber > MAX_ROW_NUMBER)
      throw new RangeError(`row number ${rowNumber} does not fit a file row's id`);
    return prefix + rowNumber.toString(16).padStart(12, '0');
  };
}

/** The event id of one row of a file (see `fileRowEventIds`, which a job uses for all its rows). */
export function fileRowEventId(
  dataset: string,
  checksumSha256: string,
  rowNumber: number,
  kind: 'row' | 'rejection' | 'alert' = 'row',
): string {
  return fileRowEventIds(dataset, checksumSha256, kind)(rowNumber);
}
