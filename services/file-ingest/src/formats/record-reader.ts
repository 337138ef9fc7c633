import { TributaryError } from '@tributary/contracts';
import { type Readable } from 'node:stream';
import { type ZipLimits } from './zip-guard';

/** How a file's bytes are laid out; gzip is orthogonal and detected from the bytes. */
export type FileFormat = 'csv' | 'json' | 'ndjson' | 'xlsx';

/** A cell as the file gave it, before any mapping: text, a number, a date (XLSX only) or empty. */
export type RawValue = string | number | boolean | Date | null;

/** One data row of a file. */
export interface RawRecord {
  /**
   * Where a person finds the row in their file: the line it starts on for CSV and NDJSON (1-based,
   * the CSV header counted, so the first data row is usually 2), the sheet's row number for XLSX,
   * and the 1-based position of the element in a JSON array (the n-th element is n, as a person
   * counts and as every other format is numbered from 1; JSON has no line a row is tied to).
   */
  readonly rowNumber: number;
  /** Field name as written in the file → value. Nested JSON values are kept as JSON text. */
  readonly values: Readonly<Record<string, RawValue>>;
  /** The row as read (CSV line, JSON text of the object, XLSX cells joined), for rejections. */
  readonly raw: string;
  /** Set when the row itself is unreadable (a CSV row with too many fields, a line that is not JSON). */
  readonly error?: string;
}

export interface ReadOptions {
  /** File name as sent: its extension (.csv, .json, .ndjson/.jsonl, .xlsx, each optionally .gz) hints the format. */
  readonly fileName: string;
  /** Overrides detection. */
  readonly format?: FileFormat;
  /** XLSX: the sheet to read by name; the first sheet when absent. */
  readonly sheet?: string;
  /** CSV: the delimiter; detected from the header line when absent (`,` `;` tab `|`). */
  readonly delimiter?: string;
  /** Longest row accepted, in characters; a longer one fails the file (bounded memory). */
  readonly maxRowChars?: number;
  /** XLSX: caps on the archive's entries and inflated bytes (zip bombs); defaults when absent. */
  readonly zipLimits?: ZipLimits;
}

export interface OpenedFile {
  readonly format: FileFormat;
  readonly compressed: boolean;
  /**
   * The rows in order, in batches (up to about a thousand): readers hand over whole batches so
   * that per-row work stays synchronous, since an await per row costs more than parsing it.
   */
  readonly batches: AsyncIterable<readonly RawRecord[]>;
  /** The same rows one at a time (convenient where speed does not matter). */
  readonly records: AsyncIterable<RawRecord>;
}

/**
 * The file cannot be read at all (not the format it claims, truncated archive, bad gzip, a row
 * longer than the limit): the job fails with `message`, which a person can act on.
 */
export class UnreadableFileError extends TributaryError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('FILE.UNREADABLE', message, { cause: options?.cause });
  }
}

/** Opens a file for streamed reading. Implemented in `open-file.ts`. */
export type OpenFile = (input: Readable, options: ReadOptions) => Promise<OpenedFile>;
