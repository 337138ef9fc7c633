import { type Readable } from 'node:stream';
import { ByteSource } from './byte-source';
import { readCsv } from './csv-reader';
import { decodeUtf8, gunzip } from './decompress';
import { checkBytesFit, chooseFormat, HEAD_BYTES, isBlank, isGzip } from './detect-format';
import { readJsonArray } from './json-array-reader';
import { readNdjson } from './ndjson-reader';
import {
  type FileFormat,
  type OpenFile,
  type OpenedFile,
  type RawRecord,
  type ReadOptions,
  UnreadableFileError,
} from './record-reader';
import { readXlsx } from './xlsx-reader';

export const DEFAULT_MAX_ROW_CHARS = 1_048_576;

/**
 * Opens a file for streamed reading: gzip is recognised from its magic bytes and decompressed on
 * the way, the format is chosen (`options.format`, else ZIP bytes, else the extension, else the
 * first bytes), and files that are empty or not text are refused here. Records are then read as
 * they are pulled; stopping early closes `input`.
 */
export const openFile: OpenFile = async (input, options) => {
  const raw = new ByteSource(input);
  try {
    return await open(raw, input, options);
  } catch (error) {
    await raw.close().catch(() => undefined);
    throw error;
  }
};

async function open(raw: ByteSource, input: Readable, options: ReadOptions): Promise<OpenedFile> {
  const compressed = isGzip(await raw.peek(2));
  const bytes = compressed ? new ByteSource(gunzip(raw.chunks())) : raw;
  try {
    let head = await bytes.peek(HEAD_BYTES);
    // Leading whitespace means nothing to any format, and only that much is dropped: a file
    // of blanks is read (and dropped) through, never held.
    while (isBlank(head) && !bytes.done) {
      bytes.discard();
      head = await bytes.peek(HEAD_BYTES);
    }
    if (isBlank(head)) throw new UnreadableFileError('the file is empty');
    const format = chooseFormat(head, options.fileName, options.format);
    checkBytesFit(head, format);
    const batches = read(format, bytes.chunks(), options);
    return { format, compressed, batches, records: oneByOne(batches) };
  } catch (error) {
    if (bytes !== raw) await bytes.close().catch(() => undefined);
    input.destroy();
    throw error;
  }
}

/** Both views of OpenedFile share one reader: a file is read once, through either. */
async function* oneByOne(batches: AsyncIterable<readonly RawRecord[]>): AsyncGenerator<RawRecord> {
  for await (const batch of batches) yield* batch;
}

function read(
  format: FileFormat,
  bytes: AsyncIterable<Buffer>,
  options: ReadOptions,
): AsyncGenerator<RawRecord[]> {
  const maxRowChars = options.maxRowChars ?? DEFAULT_MAX_ROW_CHARS;
  switch (format) {
    case 'csv':
      return readCsv(decodeUtf8(bytes), {
        maxRowChars,
        ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
      });
    case 'json':
      return readJsonArray(decodeUtf8(bytes), { maxRowChars });
    case 'ndjson':
      return readNdjson(decodeUtf8(bytes), { maxRowChars });
    case 'xlsx':
      return readXlsx(bytes, {
        ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
        ...(options.zipLimits !== undefined ? { limits: options.zipLimits } : {}),
      });
  }
}
