import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { UnreadableFileError } from './record-reader';

/**
 * zlib's own failures carry a `Z_…` code; anything else came from the source (an outage). Not
 * `instanceof Error`: Node's internals build errors in their own realm, which is not jest's.
 */
const isZlibError = (error: unknown): error is Error =>
  /^Z_/.test(String((error as NodeJS.ErrnoException | null)?.code ?? ''));

/**
 * Decompresses gzip as it is read. Damaged or truncated gzip becomes an UnreadableFileError; an
 * error of the source itself passes through unchanged, so the job can retry it.
 */
export async function* gunzip(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const unzip = createGunzip();
  // Errors of either stream reach the loop below through `unzip`; the callback only keeps
  // pipeline from reporting them a second time.
  pipeline(Readable.from(chunks, { objectMode: false }), unzip, () => undefined);
  try {
    for await (const chunk of unzip) yield chunk as Buffer;
  } catch (error) {
    if (isZlibError(error))
      throw new UnreadableFileError(`the file is not valid gzip: ${error.message}`, {
        cause: error,
      });
    throw error;
  }
}

/** How many characters a parser is given at a time: bounds the work between two length checks. */
export const TEXT_PIECE_CHARS = 64 * 1024;

/**
 * UTF-8 bytes to text, in pieces of at most TEXT_PIECE_CHARS (a source may hand over one huge
 * chunk). A leading BOM is dropped; a character split across two chunks is kept whole.
 */
export async function* decodeUtf8(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) yield* pieces(decoder.decode(chunk, { stream: true }));
  yield* pieces(decoder.decode());
}

function* pieces(text: string): Generator<string> {
  for (let start = 0; start < text.length; start += TEXT_PIECE_CHARS)
    yield text.slice(start, start + TEXT_PIECE_CHARS);
}
