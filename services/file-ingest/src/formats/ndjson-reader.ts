import { type RawRecord, UnreadableFileError } from './record-reader';
import { inBatches, isJsonObject, jsonKind, jsonValues, truncateRaw } from './record-values';

export interface NdjsonReadOptions {
  readonly maxRowChars: number;
}

/**
 * Records of newline-delimited JSON fed piece by piece: one object per line, blank lines skipped.
 * A line that is not a JSON object becomes a record with an error; the file goes on.
 */
export class NdjsonRowReader {
  private readonly maxRowChars: number;
  /** The start of the line the last piece left unfinished. */
  private partial = '';
  /** Lines read so far, blank ones included: a record is numbered by its line in the file. */
  private lineNumber = 0;
  /** A failure met after some lines of a piece: those records are handed out first. */
  private failure: unknown;

  constructor(options: NdjsonReadOptions) {
    this.maxRowChars = options.maxRowChars;
  }

  push(piece: string): RawRecord[] {
    if (this.failure !== undefined) throw this.failure;
    const records: RawRecord[] = [];
    try {
      let start = 0;
      for (let end = piece.indexOf('\n'); end !== -1; end = piece.indexOf('\n', start)) {
        const line = this.partial + piece.slice(start, end);
        this.partial = '';
        start = end + 1;
        this.line(line, records);
      }
      this.partial += piece.slice(start);
      // One more character than the limit may be the \r of a \r\n.
      if (this.partial.length > this.maxRowChars + 1) throw this.tooLong(this.lineNumber + 1);
    } catch (error) {
      if (records.length === 0) throw error;
      this.failure = error;
    }
    return records;
  }

  end(): RawRecord[] {
    if (this.failure !== undefined) throw this.failure;
    const records: RawRecord[] = [];
    this.line(this.partial, records);
    this.partial = '';
    return records;
  }

  private line(text: string, records: RawRecord[]): void {
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    const rowNumber = ++this.lineNumber;
    if (line.length > this.maxRowChars) throw this.tooLong(rowNumber);
    if (line.trim() === '') return;
    const raw = truncateRaw(line);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      records.push({
        rowNumber,
        values: {},
        raw,
        error: `line is not valid JSON: ${(error as Error).message}`,
      });
      return;
    }
    if (!isJsonObject(value))
      records.push({
        rowNumber,
        values: {},
        raw,
        error: `line is a JSON ${jsonKind(value)}, not an object`,
      });
    else records.push({ rowNumber, values: jsonValues(value), raw });
  }

  private tooLong(line: number): UnreadableFileError {
    return new UnreadableFileError(`line ${line} is longer than ${this.maxRowChars} characters`);
  }
}

export async function* readNdjson(
  text: AsyncIterable<string>,
  options: NdjsonReadOptions,
): AsyncGenerator<RawRecord[]> {
  const reader = new NdjsonRowReader(options);
  for await (const piece of text) yield* inBatches(reader.push(piece));
  yield* inBatches(reader.end());
}
