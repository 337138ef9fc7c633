import { type Readable } from 'node:stream';
import { flatten } from './batches';
import { gunzip, gzipProblem, isGzip, isZip, peek } from './peek';
import { csvRecords, detectDelimiter } from './csv-records';
import { jsonArrayRecords, ndjsonRecords } from './json-records';
import {
  type FileFormat,
  type OpenedFile,
  type OpenFile,
  type RawRecord,
  type ReadOptions,
  UnreadableFileError,
} from './record-reader';
import { textOf } from './text-lines';
import { xlsxRecords } from './xlsx-records';

const SNIFF_BYTES = 64 * 1024;
const DEFAULT_MAX_ROW_CHARS = 1_048_576;

const EXTENSIONS: Record<string, FileFormat> = {
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  xlsx: 'xlsx',
};

function formatOf(fileName: string): FileFormat | undefined {
  const match = /\.([a-z0-9]+)$/i.exec(fileName.replace(/\.gz$/i, ''));
  return match ? EXTENSIONS[match[1]!.toLowerCase()] : undefined;
}

function sniff(head: Buffer): FileFormat {
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) return 'ndjson';
  return 'csv';
}

/** Wraps a reader so that a broken gzip reads as what it is. */
async function* mapped(batches: AsyncGenerator<RawRecord[]>): AsyncGenerator<RawRecord[]> {
  try {
    yield* batches;
  } catch (error) {
    throw gzipProblem(error);
  }
}

/**
 * Opens a file for streamed reading: gzip is recognised from its bytes whatever the name; the
 * format comes from `options.format`, else the bytes (a zip is XLSX), else the extension, else
 * the first character (`[` JSON, `{` NDJSON, otherwise CSV). Empty and binary files are refused
 * here, before any row.
 */
export const openFile: OpenFile = async (input: Readable, options: ReadOptions) => {
  let { head, stream } = await peek(input, SNIFF_BYTES);
  const compressed = isGzip(head);
  if (compressed) {
    try {
      ({ head, stream } = await peek(gunzip(stream), SNIFF_BYTES));
    } catch (error) {
      throw gzipProblem(error);
    }
  }
  const format: FileFormat =
    options.format ?? (isZip(head) ? 'xlsx' : (formatOf(options.fileName) ?? sniff(head)));
  const opened = (reader: AsyncGenerator<RawRecord[]>): OpenedFile => {
    const batches = mapped(reader);
    return { format, compressed, batches, records: flatten(batches) };
  };
  if (format === 'xlsx') {
    if (!isZip(head)) {
      stream.destroy();
      throw new UnreadableFileError(
        head.length === 0
          ? 'the file is empty'
          : 'the file is not an XLSX workbook (not a zip archive)',
      );
    }
    return opened(xlsxRecords(stream, options.sheet));
  }
  if (
    head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim() === ''
  ) {
    stream.destroy();
    throw new UnreadableFileError('the file is empty');
  }
  if (head.includes(0)) {
    stream.destroy();
    throw new UnreadableFileError(
      `the file is binary, not ${format === 'csv' ? 'CSV' : 'JSON'} text`,
    );
  }
  const text = textOf(stream, options.maxRowChars ?? DEFAULT_MAX_ROW_CHARS);
  if (format === 'json') return opened(jsonArrayRecords(text));
  if (format === 'ndjson') return opened(ndjsonRecords(text));
  const firstLine =
    head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\n', 1)[0] ?? '';
  return opened(csvRecords(text, options.delimiter ?? detectDelimiter(firstLine)));
};
