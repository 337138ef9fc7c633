import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { UnreadableFileError } from './record-reader';

/** The first bytes of a stream, and the whole stream again (those bytes included). */
export interface Peeked {
  readonly head: Buffer;
  readonly stream: Readable;
}

/**
 * Reads at least `bytes` bytes (or to the end) to look at, without losing them: the returned
 * stream starts with them. Reading goes on from the same iterator, so backpressure is kept.
 */
export async function peek(input: Readable, bytes: number): Promise<Peeked> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    chunks.push(chunk);
    length += chunk.length;
  }
  const head = Buffer.concat(chunks);
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // Stopping early (an unreadable file, a duplicate) releases the source.
      if (!done) await iterator.return?.();
    }
  }
  return { head, stream: Readable.from(replay(), { objectMode: false }) };
}

export const isGzip = (head: Buffer) => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
export const isZip = (head: Buffer) =>
  head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;

/** zlib's failures said as what they mean for the file. */
export function gzipProblem(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('Z_'))
    return new UnreadableFileError(`the file is not valid gzip: ${(error as Error).message}`, {
      cause: error,
    });
  return error;
}

/** Decompresses a gzip stream; its errors surface when the result is read (see `gzipProblem`). */
export function gunzip(stream: Readable): Readable {
  const out = createGunzip();
  pipeline(stream, out, () => undefined);
  return out;
}
