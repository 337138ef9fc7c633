import Papa from 'papaparse';
import { pipeline, Readable, type Duplex } from 'node:stream';
import { batchesOf } from './batches';
import { type RawRecord, UnreadableFileError } from './record-reader';

const RAW_LIMIT = 64 * 1024;
const CANDIDATES = [',', ';', '\t', '|'];

/** The delimiter of a header line: the candidate found most often outside quotes (`,` on a tie or none). */
export function detectDelimiter(firstLine: string): string {
  const counts = new Map(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const candidate of CANDIDATES)
    if (counts.get(candidate)! > counts.get(best)!) best = candidate;
  return best;
}

function checkHeader(header: readonly string[]): string[] {
  const names = header.map((name) => name.trim());
  if (names.every((name) => name === '')) throw new UnreadableFileError('the header row is empty');
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name === '') throw new UnreadableFileError(`column ${i + 1} of the header has no name`);
    if (seen.has(name))
      throw new UnreadableFileError(`column "${name}" appears twice in the header`);
    seen.add(name);
  });
  return names;
}

const quoteField = (field: string, delimiter: string) =>
  field.includes(delimiter) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;

/**
 * CSV rows as records, parsed by papaparse in streaming mode (RFC 4180: quoted delimiters, quotes
 * and line breaks; CRLF or LF). The first row is the header; blank lines are skipped; a row whose
 * field count differs from the header's is a record with an error, not a failed file.
 */
export async function* csvRecords(
  text: AsyncIterable<string>,
  delimiter: string,
): AsyncGenerator<RawRecord[]> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, {
    delimiter,
    header: false,
    skipEmptyLines: true,
  }) as Duplex;
  const source = Readable.from(text, { objectMode: false });
  pipeline(source, parser, () => undefined);
  let header: string[] | undefined;
  let rowNumber = 0;
  try {
    for await (const rows of batchesOf<string[]>(parser)) {
      const records: RawRecord[] = [];
      for (const fields of rows) {
        if (!header) {
          header = checkHeader(fields);
          continue;
        }
        rowNumber++;
        const joined = fields.map((f) => quoteField(f, delimiter)).join(delimiter);
        const raw = joined.length > RAW_LIMIT ? joined.slice(0, RAW_LIMIT) : joined;
        if (fields.length !== header.length) {
          records.push({
            rowNumber,
            values: {},
            raw,
            error: `row has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${header.length}`,
          });
          continue;
        }
        const values: Record<string, string | null> = {};
        for (let i = 0; i < header.length; i++) {
          const field = fields[i]!;
          values[header[i]!] = field === '' ? null : field;
        }
        records.push({ rowNumber, values, raw });
      }
      if (records.length > 0) yield records;
    }
  } finally {
    source.destroy();
    parser.destroy();
  }
  if (!header) throw new UnreadableFileError('the file is empty');
}
