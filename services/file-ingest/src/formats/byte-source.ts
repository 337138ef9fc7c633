/**
 * Pulls byte chunks from a stream on demand, so the first bytes can be looked at before choosing
 * the reader that consumes them all. Holds at most what was asked for plus one chunk.
 */
export class ByteSource {
  private readonly iterator: AsyncIterator<Buffer | string>;
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private ended = false;

  constructor(chunks: AsyncIterable<Buffer | string>) {
    this.iterator = chunks[Symbol.asyncIterator]();
  }

  /** True once the stream has no more bytes. */
  get done(): boolean {
    return this.ended;
  }

  /** Reads until at least `bytes` are buffered or the stream ends; returns all that is buffered. */
  async peek(bytes: number): Promise<Buffer> {
    while (this.bufferedBytes < bytes && !this.ended) {
      const next = await this.pull();
      if (next) {
        this.buffered.push(next);
        this.bufferedBytes += next.length;
      }
    }
    if (this.buffered.length > 1) this.buffered = [Buffer.concat(this.buffered)];
    return this.buffered[0] ?? Buffer.alloc(0);
  }

  /** Forgets the buffered bytes (leading whitespace that no format needs). */
  discard(): void {
    this.buffered = [];
    this.bufferedBytes = 0;
  }

  /** The buffered bytes, then the rest of the stream; stopping early closes the stream. */
  async *chunks(): AsyncGenerator<Buffer> {
    try {
      const buffered = this.buffered;
      this.discard();
      yield* buffered;
      while (!this.ended) {
        const next = await this.pull();
        if (next) yield next;
      }
    } finally {
      await this.close();
    }
  }

  /** Stops reading and lets the stream release what it holds (a file descriptor, a socket). */
  async close(): Promise<void> {
    this.ended = true;
    this.discard();
    await this.iterator.return?.();
  }

  private async pull(): Promise<Buffer | undefined> {
    const next = await this.iterator.next();
    if (next.done) {
      this.ended = true;
      return undefined;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    return chunk.length > 0 ? chunk : undefined;
  }
}
