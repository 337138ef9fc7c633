import Papa from 'papaparse';
import { type RawRecord, type RawValue, UnreadableFileError } from './record-reader';
import { inBatches, setField, truncateRaw } from './record-values';

export interface CsvReadOptions {
  /** The field separator; detected from the header line when absent. */
  readonly delimiter?: string;
  readonly maxRowChars: number;
}

type Newline = '\n' | '\r\n' | '\r';

/** Candidates, in the order that wins a tie. */
const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Text is handed to the parser in batches of at least this many characters, or of the unfinished
 * row's length when that is larger: an unfinished row is parsed again with each batch, and
 * growing the batch with it keeps a long row's cost linear instead of quadratic.
 */
const MIN_BATCH_CHARS = 64 * 1024;

const QUOTED = /"[^"]*"/g;

/** The line break of the file, from its first one outside quotes (papaparse needs it given). */
export function detectNewline(head: string): Newline {
  const text = head.replace(QUOTED, '');
  const cr = text.indexOf('\r');
  if (cr === -1) return '\n';
  const lf = text.indexOf('\n');
  if (lf !== -1 && lf < cr) return '\n';
  // A head cut just after a \r is far likelier to split a \r\n than to be an old Mac file.
  const next = text[cr + 1];
  return next === '\n' || next === undefined ? '\r\n' : '\r';
}

/** The candidate that occurs most often in the first non-blank line, outside quotes. */
export function detectDelimiter(head: string, newline: Newline): string {
  const line =
    head
      .replace(QUOTED, '""')
      .split(newline)
      .find((l) => l.trim() !== '') ?? '';
  let best: string = DELIMITERS[0];
  let bestCount = 0;
  for (const candidate of DELIMITERS) {
    const count = line.split(candidate).length - 1;
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}

function checkDelimiter(delimiter: string): string {
  if (delimiter === 'tab' || delimiter === '\\t') return '\t';
  if (delimiter === '' || /["\r\n\uFEFF]/.test(delimiter))
    throw new UnreadableFileError(
      `${JSON.stringify(delimiter)} cannot be a CSV delimiter: use one character such as "," ";" "|" or a tab`,
    );
  return delimiter;
}

const QUOTE_PROBLEMS: Readonly<Record<string, string>> = {
  MissingQuotes: 'a quoted field is not closed',
  InvalidQuotes: 'a quoted field has a stray quote (a quote inside quotes must be doubled)',
};

/**
 * Rows of one CSV text fed piece by piece. Synchronous: each piece returns the rows it
 * completed, so the caller controls the pace. Memory is bounded by maxRowChars plus a batch.
 */
export class CsvRowReader {
  private readonly maxRowChars: number;
  private delimiter: string | undefined;
  private newline: Newline = '\n';
  private parser: Papa.Parser | undefined;
  /** The text of the row the last batch left unfinished. */
  private partial = '';
  private pending: string[] = [];
  private pendingChars = 0;
  /** The batch being parsed, and where its next row starts: the step callback cuts rows from it. */
  private batch = '';
  private rowStart = 0;
  private completed: RawRecord[] = [];
  /** A failure met after some rows of a batch: those rows are handed out first. */
  private failure: unknown;
  private header: string[] | undefined;
  /** The file's line on which the next row starts (1-based, the header's lines counted). */
  private line = 1;

  constructor(options: CsvReadOptions) {
    this.maxRowChars = options.maxRowChars;
    this.delimiter =
      options.delimiter === undefined ? undefined : checkDelimiter(options.delimiter);
  }

  push(piece: string): RawRecord[] {
    if (this.failure !== undefined) throw this.failure;
    this.pending.push(piece);
    this.pendingChars += piece.length;
    if (
      this.pendingChars < Math.max(MIN_BATCH_CHARS, this.partial.length) &&
      this.partial.length + this.pendingChars <= this.maxRowChars
    )
      return [];
    return this.parse(false);
  }

  end(): RawRecord[] {
    if (this.failure !== undefined) throw this.failure;
    return this.parse(true);
  }

  private parse(last: boolean): RawRecord[] {
    this.batch = this.partial + this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    this.parser ??= this.createParser(this.batch);
    this.rowStart = 0;
    try {
      this.parser.parse(this.batch, 0, !last);
      this.partial = this.batch.slice(this.rowStart);
      if (this.partial.length > this.maxRowChars) throw this.tooLong(this.line);
    } catch (error) {
      if (this.completed.length === 0) throw error;
      this.failure = error;
    } finally {
      this.batch = '';
    }
    const completed = this.completed;
    this.completed = [];
    return completed;
  }

  private createParser(head: string): Papa.Parser {
    this.newline = detectNewline(head);
    this.delimiter ??= detectDelimiter(head, this.newline);
    return new Papa.Parser({
      delimiter: this.delimiter,
      newline: this.newline,
      step: (results: Papa.ParseStepResult<string[][]>) => this.onRow(results),
    });
  }

  private onRow({ data, errors, meta }: Papa.ParseStepResult<string[][]>): void {
    // The low-level parser hands each row as a one-row batch.
    const fields = data[0] ?? [];
    let text = this.batch.slice(this.rowStart, meta.cursor);
    this.rowStart = meta.cursor;
    // A row is numbered by the line it starts on, as an editor shows it: a quoted field that spans
    // lines moves the next row down by as many lines, and blank lines count.
    const line = this.line;
    this.line += countLineBreaks(text, this.newline);
    if (text.endsWith(this.newline)) text = text.slice(0, -this.newline.length);
    if (text.length > this.maxRowChars) throw this.tooLong(line);
    if (fields.length === 1 && fields[0]!.trim() === '') return;
    // Built only for a row with errors: this runs for every row of every CSV file.
    const problems =
      errors.length === 0
        ? []
        : [...new Set(errors.map((e) => QUOTE_PROBLEMS[e.code] ?? e.message))];

    if (!this.header) {
      if (problems.length > 0)
        throw new UnreadableFileError(`the CSV header is malformed: ${problems.join('; ')}`);
      this.header = checkHeader(fields);
      return;
    }
    const header = this.header;
    if (fields.length !== header.length)
      problems.unshift(`row has ${fields.length} fields, the header has ${header.length}`);
    const values: Record<string, RawValue> = {};
    for (let i = 0; i < header.length; i++) {
      const cell = fields[i];
      setField(values, header[i]!, cell === undefined || cell === '' ? null : cell);
    }
    this.completed.push({
      rowNumber: line,
      values,
      raw: truncateRaw(text),
      ...(problems.length > 0 ? { error: problems.join('; ') } : {}),
    });
  }

  private tooLong(line: number): UnreadableFileError {
    return new UnreadableFileError(
      this.header
        ? `the row on line ${line} is longer than ${this.maxRowChars} characters`
        : `the CSV header is longer than ${this.maxRowChars} characters`,
    );
  }
}

/**
 * Line breaks in a row's text. A \n file (or \r\n: its breaks end in \n) counts its \n; an old Mac
 * file its \r. A line break of the other style inside a quoted field counts too, as an editor
 * shows it on its own line, except a lone \r in a \n file, which editors disagree on.
 */
function countLineBreaks(text: string, newline: Newline): number {
  const mark = newline === '\r' ? '\r' : '\n';
  let count = 0;
  for (let i = text.indexOf(mark); i !== -1; i = text.indexOf(mark, i + 1)) count++;
  return count;
}

function checkHeader(fields: readonly string[]): string[] {
  const names = fields.map((field) => field.trim());
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === '')
      throw new UnreadableFileError(
        `the CSV header's column ${i + 1} has no name (header: ${JSON.stringify(names.join(','))})`,
      );
    const first = seen.get(name);
    if (first !== undefined)
      throw new UnreadableFileError(
        `the CSV header names ${JSON.stringify(name)} twice (columns ${first + 1} and ${i + 1})`,
      );
    seen.set(name, i);
  });
  return names;
}

/** CSV records, pulled: the text is read only as fast as records are taken. */
export async function* readCsv(
  text: AsyncIterable<string>,
  options: CsvReadOptions,
): AsyncGenerator<RawRecord[]> {
  const reader = new CsvRowReader(options);
  for await (const piece of text) yield* inBatches(reader.push(piece));
  yield* inBatches(reader.end());
}
