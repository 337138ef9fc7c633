import { constants, createInflateRaw, type InflateRaw } from 'node:zlib';
import { UnreadableFileError } from './record-reader';

/** What one XLSX archive may hold; past any of them the file is refused before it is inflated. */
export interface ZipLimits {
  /** Entries (files) in the archive; a workbook has a few dozen. */
  readonly maxEntries: number;
  /** All entries' bytes once inflated, declared or actual, whichever is known first. */
  readonly maxInflatedBytes: number;
  /** `xl/sharedStrings.xml` inflated: exceljs keeps every shared string in memory. */
  readonly maxSharedStringsBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1_000,
  maxInflatedBytes: 1_073_741_824,
  maxSharedStringsBytes: 33_554_432,
};

const LOCAL_FILE_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_DIRECTORY = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const HEADER_BYTES = 30;
const USES_DATA_DESCRIPTOR = 0x0008;
const ENCRYPTED = 0x0001;
const STORED = 0;
const DEFLATED = 8;
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const DOCTYPE = Buffer.from('<!DOCTYPE');
const XML_PART = /\.(xml|rels)$/i;
const ZIP64_MARK = 0xffffffff;
const ZIP64_EXTRA = 0x0001;

/** The 8-byte sizes of a ZIP64 extra field, in order; none when the field is absent. */
function zip64Sizes(extra: Buffer): number[] {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA) {
      const sizes: number[] = [];
      for (let i = at + 4; i + 8 <= Math.min(at + 4 + size, extra.length); i += 8)
        sizes.push(Number(extra.readBigUInt64LE(i)));
      return sizes;
    }
    at += 4 + size;
  }
  return [];
}

const refused = (detail: string) => new UnreadableFileError(`the XLSX file is refused: ${detail}`);

const mib = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MiB`;

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly hasDescriptor: boolean;
  /** Compressed bytes still to come; unknown (null) with a data descriptor. */
  remaining: number | null;
  inflated: number;
  /** The last bytes of the inflated text, to find `<!DOCTYPE` across chunks. */
  carry: Buffer;
  inflater?: InflateRaw;
  /** The deflate stream ended (or, stored, its bytes passed). */
  ended: boolean;
}

/**
 * Walks a ZIP archive's local entries as its bytes stream past, ahead of the reader that uses
 * them: `check(chunk)` resolves once the guard has inflated that chunk itself, so the reader given
 * the chunk afterwards has never inflated more than the guard counted. It refuses:
 * - more entries than `maxEntries` (counted as their headers pass);
 * - an entry whose header declares more inflated bytes than the caps allow, before inflating it;
 * - inflated bytes past the caps as they are produced, since declared sizes can lie or be absent
 *   (entries followed by a data descriptor declare none up front);
 * - any XML part (`.xml`, `.rels`) with a document type declaration: OPC forbids DTDs in a
 *   package, and without one there is no entity to expand (billion laughs) and no external
 *   entity to fetch (XXE);
 * - encrypted entries and stored entries of unknown length, which a workbook never has.
 * Its memory is one chunk plus an inflater's window; inflated bytes are counted and dropped.
 */
export class ZipGuard {
  private pending: Buffer = Buffer.alloc(0);
  private entry: Entry | undefined;
  private entries = 0;
  private inflatedTotal = 0;
  /** Once the central directory starts, the entries are over: the rest is only passed on. */
  private finished = false;
  private failure: UnreadableFileError | undefined;

  constructor(private readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS) {}

  /** Takes the next bytes of the archive; rejects with the reason once the archive is refused. */
  async check(chunk: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.finished) return;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    try {
      while (!this.finished && (await this.step()));
    } catch (error) {
      this.destroyInflater();
      if (error instanceof UnreadableFileError) this.failure = error;
      throw error;
    }
    if (this.failure) throw this.failure;
  }

  /** Releases the inflater of an entry left unfinished (a read stopped early). */
  close(): void {
    this.destroyInflater();
  }

  /** Advances over what `pending` holds; false when more bytes are needed. */
  private async step(): Promise<boolean> {
    if (this.entry) return this.stepEntry(this.entry);
    if (this.pending.length < 4) return false;
    const signature = this.pending.readUInt32LE(0);
    if (signature === CENTRAL_DIRECTORY || signature === END_OF_CENTRAL_DIRECTORY) {
      this.finished = true;
      this.pending = Buffer.alloc(0);
      return false;
    }
    // Anything else where an entry should begin is damage (or a prefix the guard would have to
    // take on trust, such as a CRX header, which unzipper skips): no workbook has it.
    if (signature !== LOCAL_FILE_HEADER)
      throw refused(
        `after ${this.entries} entries comes a record that is not a ZIP entry (signature 0x${signature.toString(16).padStart(8, '0')})`,
      );
    if (this.pending.length < HEADER_BYTES) return false;
    const nameLength = this.pending.readUInt16LE(26);
    const extraLength = this.pending.readUInt16LE(28);
    const headerLength = HEADER_BYTES + nameLength + extraLength;
    if (this.pending.length < headerLength) return false;
    this.startEntry(this.pending.subarray(0, headerLength), nameLength);
    this.pending = this.pending.subarray(headerLength);
    return true;
  }

  private startEntry(header: Buffer, nameLength: number): void {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries)
      throw refused(`it holds more than ${this.limits.maxEntries} entries`);
    const flags = header.readUInt16LE(6);
    const method = header.readUInt16LE(8);
    let compressed = header.readUInt32LE(18);
    let declared = header.readUInt32LE(22);
    // ZIP64: the sizes are in the extra field (uncompressed, then compressed: those that are
    // 0xFFFFFFFF in the header, in that order).
    if (compressed === ZIP64_MARK || declared === ZIP64_MARK) {
      const zip64 = zip64Sizes(header.subarray(HEADER_BYTES + nameLength));
      if (declared === ZIP64_MARK) declared = zip64.shift() ?? Number.MAX_SAFE_INTEGER;
      if (compressed === ZIP64_MARK) compressed = zip64.shift() ?? Number.MAX_SAFE_INTEGER;
    }
    const name = header.subarray(HEADER_BYTES, HEADER_BYTES + nameLength).toString('utf8');
    const hasDescriptor = (flags & USES_DATA_DESCRIPTOR) !== 0;
    if ((flags & ENCRYPTED) !== 0) throw refused(`${name} is encrypted`);
    if (method !== STORED && method !== DEFLATED)
      throw refused(`${name} is compressed with method ${method}, not deflate`);
    if (method === STORED && hasDescriptor) throw refused(`${name} is stored without its length`);
    if (!hasDescriptor) this.count(name, declared, 'declares');
    this.entry = {
      name,
      method,
      hasDescriptor,
      remaining: hasDescriptor ? null : compressed,
      inflated: 0,
      carry: Buffer.alloc(0),
      ended: false,
    };
  }

  /**
   * Checks `bytes` more of an entry against the caps. Declared sizes are checked alone (`declares`,
   * before any inflating); actual ones add up.
   */
  private count(name: string, bytes: number, how: 'declares' | 'inflates to'): void {
    const entryBytes = how === 'declares' ? bytes : this.entry!.inflated + bytes;
    const total = this.inflatedTotal + bytes;
    if (name === SHARED_STRINGS && entryBytes > this.limits.maxSharedStringsBytes)
      throw refused(
        `its shared strings (${SHARED_STRINGS}) ${how} more than ${mib(this.limits.maxSharedStringsBytes)}`,
      );
    if (total > this.limits.maxInflatedBytes)
      throw refused(
        `its contents ${how === 'declares' ? 'declare' : 'inflate to'} more than ${mib(this.limits.maxInflatedBytes)}`,
      );
    if (how === 'inflates to') {
      this.entry!.inflated = entryBytes;
      this.inflatedTotal = total;
    }
  }

  private async stepEntry(entry: Entry): Promise<boolean> {
    if (entry.method === STORED) {
      const take = Math.min(entry.remaining!, this.pending.length);
      this.inspect(entry, this.pending.subarray(0, take));
      entry.remaining! -= take;
      this.pending = this.pending.subarray(take);
      if (entry.remaining! > 0) return false;
      this.entry = undefined;
      return true;
    }
    if (entry.remaining === 0) entry.ended = true;
    if (!entry.ended) {
      const take =
        entry.remaining === null
          ? this.pending.length
          : Math.min(entry.remaining, this.pending.length);
      if (take === 0) return false;
      const used = await this.inflate(entry, this.pending.subarray(0, take));
      this.pending = this.pending.subarray(used);
      if (entry.remaining !== null) entry.remaining -= used;
      // The deflate stream ended inside what it was given: the entry's data ends here, or (a
      // declared length longer than the stream) its remaining bytes are skipped uninflated.
      if (used < take || entry.remaining === 0) entry.ended = true;
      if (!entry.ended) return false;
      this.destroyInflater();
    }
    if (entry.remaining !== null && entry.remaining > 0) {
      const skip = Math.min(entry.remaining, this.pending.length);
      entry.remaining -= skip;
      this.pending = this.pending.subarray(skip);
      if (entry.remaining > 0) return false;
    }
    if (entry.hasDescriptor) {
      const skip = this.descriptorLength();
      if (skip === undefined) return false;
      this.pending = this.pending.subarray(skip);
    }
    this.entry = undefined;
    return true;
  }

  /**
   * The data descriptor's length once enough bytes follow to tell: its signature is optional and
   * its sizes are 4 or (ZIP64) 8 bytes, so it is the length after which the next record begins.
   */
  private descriptorLength(): number | undefined {
    if (this.pending.length < 28) return undefined;
    const start = this.pending.readUInt32LE(0) === DATA_DESCRIPTOR ? 4 : 0;
    for (const sizes of [8, 16]) {
      const next = this.pending.readUInt32LE(start + 4 + sizes);
      if (
        next === LOCAL_FILE_HEADER ||
        next === CENTRAL_DIRECTORY ||
        next === END_OF_CENTRAL_DIRECTORY
      )
        return start + 4 + sizes;
    }
    throw refused(`the data descriptor after ${this.entry!.name} is damaged`);
  }

  /**
   * Inflates `input` and counts what comes out; resolves with the compressed bytes the deflate
   * stream used, fewer than given when it ended inside them (an entry with a data descriptor).
   */
  private inflate(entry: Entry, input: Buffer): Promise<number> {
    const inflater = (entry.inflater ??= this.newInflater(entry));
    const before = inflater.bytesWritten;
    return new Promise<number>((resolve, reject) => {
      const settle = (error?: Error | null) => {
        inflater.off('error', settle);
        inflater.off('close', settle);
        if (this.failure) return reject(this.failure);
        // A broken deflate stream is the reader's to report: it fails on the same bytes.
        if (error) {
          this.finished = true;
          return resolve(input.length);
        }
        resolve(inflater.bytesWritten - before);
      };
      inflater.once('error', settle);
      // Destroyed by a cap from its 'data' listener: the flush then never calls back.
      inflater.once('close', settle);
      inflater.write(input);
      inflater.flush(constants.Z_SYNC_FLUSH, () => settle());
    });
  }

  private newInflater(entry: Entry): InflateRaw {
    const inflater = createInflateRaw();
    inflater.on('data', (bytes: Buffer) => {
      if (this.failure) return;
      try {
        this.count(entry.name, bytes.length, 'inflates to');
        this.inspect(entry, bytes);
      } catch (error) {
        this.failure = error as UnreadableFileError;
        inflater.destroy();
      }
    });
    return inflater;
  }

  /** Refuses a document type declaration in the entry's XML; stored bytes are counted here too. */
  private inspect(entry: Entry, bytes: Buffer): void {
    if (entry.method === STORED) this.count(entry.name, bytes.length, 'inflates to');
    // Only the package's XML parts, which the reader parses: an embedded SVG image may carry a
    // DOCTYPE of its own and is never read.
    if (!XML_PART.test(entry.name)) return;
    const text = entry.carry.length > 0 ? Buffer.concat([entry.carry, bytes]) : bytes;
    if (text.includes(DOCTYPE))
      throw refused(
        `${entry.name} declares a document type (<!DOCTYPE>), which a workbook never has: entity definitions and external entities are not read`,
      );
    entry.carry = Buffer.from(text.subarray(Math.max(0, text.length - DOCTYPE.length + 1)));
  }

  private destroyInflater(): void {
    this.entry?.inflater?.destroy();
  }
}
