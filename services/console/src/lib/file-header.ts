import { type DatasetName } from '@tributary/contracts/src/datasets';
import { recognizeDataset } from '@tributary/contracts/src/dataset-recognition';

/** What the console can tell about a file before sending it. */
export interface FileHeader {
  /** csv, json, ndjson or xlsx, with .gz when compressed; null when the name says nothing. */
  format: string | null;
  /** The column names read from the file's start; null when they cannot be read here (XLSX). */
  columns: string[] | null;
}

const FORMATS = ['csv', 'tsv', 'json', 'ndjson', 'jsonl', 'xlsx'];

/** The format from the file name, e.g. `usage.csv.gz` → `csv.gz`. */
export function formatOf(name: string): string | null {
  const parts = name.toLowerCase().split('.');
  const gz = parts.at(-1) === 'gz';
  const ext = parts.at(gz ? -2 : -1);
  if (!ext || parts.length < (gz ? 3 : 2) || !FORMATS.includes(ext)) return null;
  return gz ? `${ext}.gz` : ext;
}

/** Splits one CSV line into cells (quotes honoured; the header is all that is read). */
function csvCells(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * The column names at the start of a file's text: a CSV header line (delimiter guessed among
 * , ; | and tab), or the keys of the first object of a JSON array or an NDJSON file.
 */
export function columnsOf(text: string, format: string | null): string[] | null {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  const kind =
    format?.replace(/\.gz$/, '') ??
    (start.startsWith('[') || start.startsWith('{') ? 'json' : 'csv');
  if (kind === 'json' || kind === 'ndjson' || kind === 'jsonl') {
    const open = start.indexOf('{');
    if (open < 0) return null;
    // The first object ends at the first `}` that balances it (strings skipped).
    let depth = 0;
    let inString = false;
    for (let i = open; i < start.length; i++) {
      const c = start[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        try {
          return Object.keys(JSON.parse(start.slice(open, i + 1)) as object);
        } catch {
          return null;
        }
      }
    }
    return null;
  }
  if (kind === 'xlsx') return null;
  const line = start.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t', '|'].reduce((best, d) =>
    line.split(d).length > line.split(best).length ? d : best,
  );
  const cells = csvCells(line, delimiter).filter((c) => c.length > 0);
  return cells.length > 0 ? cells : null;
}

/** The dataset the server would recognise from these columns (the contracts' one rule). */
export function proposeDataset(columns: string[] | null): DatasetName | null {
  if (!columns) return null;
  const recognition = recognizeDataset(columns);
  return recognition.ok ? recognition.dataset : null;
}

const HEAD_BYTES = 64 * 1024;

/** Reads a file's first 64 KiB (gunzipped when it is .gz) and finds its columns. */
export async function readHeader(file: File): Promise<FileHeader> {
  const format = formatOf(file.name);
  if (format?.startsWith('xlsx')) return { format, columns: null };
  try {
    let bytes: Uint8Array;
    if (format?.endsWith('.gz')) {
      const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      while (size < HEAD_BYTES) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        size += value.length;
      }
      await reader.cancel().catch(() => undefined);
      bytes = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.length;
      }
    } else bytes = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
    return { format, columns: columnsOf(new TextDecoder().decode(bytes), format) };
  } catch {
    return { format, columns: null };
  }
}
