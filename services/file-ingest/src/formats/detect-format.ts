import { isUtf8 } from 'node:buffer';
import { type FileFormat, UnreadableFileError } from './record-reader';

/** How many leading bytes are looked at to recognise a format and to refuse binary files. */
export const HEAD_BYTES = 64 * 1024;

const BY_EXTENSION: Readonly<Record<string, FileFormat>> = {
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  xlsx: 'xlsx',
};

const NAMES: Readonly<Record<FileFormat, string>> = {
  csv: 'CSV',
  json: 'JSON',
  ndjson: 'NDJSON',
  xlsx: 'XLSX',
};

const startsWith = (head: Buffer, magic: readonly number[]) =>
  head.length >= magic.length && magic.every((byte, i) => head[i] === byte);

export const isGzip = (head: Buffer) => startsWith(head, [0x1f, 0x8b]);
export const isZip = (head: Buffer) => startsWith(head, [0x50, 0x4b, 0x03, 0x04]);
const isOle = (head: Buffer) => startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const isUtf16 = (head: Buffer) => startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
const hasUtf8Bom = (head: Buffer) => startsWith(head, [0xef, 0xbb, 0xbf]);

const isBlankByte = (byte: number) =>
  byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/** True when the bytes hold nothing but an optional UTF-8 BOM and whitespace. */
export function isBlank(head: Buffer): boolean {
  for (let i = hasUtf8Bom(head) ? 3 : 0; i < head.length; i++)
    if (!isBlankByte(head[i]!)) return false;
  return true;
}

/** The format the file name claims (`.gz` removed first), or undefined when it says nothing. */
export function formatFromName(fileName: string): FileFormat | undefined {
  const base = fileName.toLowerCase().replace(/\.gz$/, '');
  const dot = base.lastIndexOf('.');
  return dot < 0 ? undefined : BY_EXTENSION[base.slice(dot + 1)];
}

/** The format the first bytes (decompressed, leading whitespace allowed) look like. */
export function sniffFormat(head: Buffer): FileFormat {
  if (isZip(head)) return 'xlsx';
  for (let i = hasUtf8Bom(head) ? 3 : 0; i < head.length; i++) {
    const byte = head[i]!;
    if (isBlankByte(byte)) continue;
    if (byte === 0x5b /* [ */) return 'json';
    if (byte === 0x7b /* { */) return 'ndjson';
    break;
  }
  return 'csv';
}

/**
 * The format to read: an explicit one wins; otherwise ZIP bytes are a workbook whatever the name
 * says (a renamed .xlsx is common, and no text format starts with `PK\x03\x04`), then the
 * extension, then the bytes.
 */
export function chooseFormat(head: Buffer, fileName: string, explicit?: FileFormat): FileFormat {
  if (explicit) return explicit;
  if (isZip(head)) return 'xlsx';
  return formatFromName(fileName) ?? sniffFormat(head);
}

/**
 * Refuses bytes that cannot be the chosen format, with a message that says what they look like,
 * before any parser sees them (a parser would report a confusing error on row 1 instead).
 */
export function checkBytesFit(head: Buffer, format: FileFormat): void {
  const name = NAMES[format];
  if (format === 'xlsx') {
    if (isZip(head)) return;
    if (isOle(head))
      throw new UnreadableFileError(
        'the file is a legacy Excel .xls workbook, not XLSX: save it as .xlsx or CSV',
      );
    throw new UnreadableFileError('the file is not an XLSX workbook (it is not a ZIP archive)');
  }
  if (isZip(head))
    throw new UnreadableFileError(`the file is a ZIP archive (an XLSX workbook?), not ${name}`);
  if (isOle(head))
    throw new UnreadableFileError(
      `the file is a legacy Excel .xls workbook, not ${name}: save it as .xlsx or CSV`,
    );
  if (isUtf16(head))
    throw new UnreadableFileError(`the file is UTF-16 text: save it as UTF-8 ${name}`);
  if (head.subarray(0, HEAD_BYTES).includes(0))
    throw new UnreadableFileError(`the file is binary (it holds NUL bytes), not ${name}`);
  const line = firstLineNotUtf8(head);
  if (line !== undefined)
    throw new UnreadableFileError(
      `the file is not UTF-8 text (line ${line} holds bytes UTF-8 does not allow: ` +
        `Latin-1 or Windows-1252?): save it as UTF-8 ${name}`,
    );
}

/**
 * The number of the first line of `head` that is not valid UTF-8, or undefined. A head shorter
 * than HEAD_BYTES is the whole file; a longer one may end inside a character, so its last line
 * (with no newline after it) is not judged. A newline byte never occurs inside a UTF-8
 * character, so lines can be checked one by one. Only the head is checked: past it, bytes that
 * are not UTF-8 are read as U+FFFD, as a browser would.
 */
export function firstLineNotUtf8(head: Buffer): number | undefined {
  if (isUtf8(head)) return undefined;
  const whole = head.length < HEAD_BYTES;
  for (let line = 1, start = 0; start < head.length; line++) {
    let end = head.indexOf(0x0a, start);
    if (end < 0) {
      if (!whole) return undefined;
      end = head.length;
    }
    if (!isUtf8(head.subarray(start, end))) return line;
    start = end + 1;
  }
  return undefined;
}
