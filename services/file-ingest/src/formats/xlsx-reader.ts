import type ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { type RawRecord, type RawValue, UnreadableFileError } from './record-reader';
import { inBatches, setField, truncateRaw } from './record-values';
import { ZipGuard, type ZipLimits } from './zip-guard';

export interface XlsxReadOptions {
  /** The sheet to read; the first visible one when absent. */
  readonly sheet?: string;
  /** Caps on the archive (zip bombs); DEFAULT_ZIP_LIMITS when absent. */
  readonly limits?: ZipLimits;
}

/** What the streaming reader knows about a sheet (exceljs's typings leave these out). */
interface SheetReader {
  readonly name?: string;
  readonly state?: string;
  /** The sheet's events, a batch per piece of XML parsed: rows come as `row` events. */
  parse(): AsyncIterable<{ eventType: string; value: unknown }[]>;
}

/** What the streaming reader knows about the workbook once `xl/workbook.xml` is read. */
interface WorkbookState {
  readonly model?: { sheets?: { name: string; state?: string }[] };
  readonly properties?: { model?: { date1904?: boolean } };
}

/**
 * The end of central directory record closes every ZIP archive, within its last 64 KiB + 22
 * bytes. Reading stops at the last entry, so a file cut just after a complete entry would
 * otherwise look whole.
 */
const END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const TAIL_BYTES = 65_536 + 22;

/** Keeps the last bytes that passed, to look for the end of the archive. */
class Tail {
  private bytes = Buffer.alloc(0);

  push(chunk: Buffer): void {
    this.bytes =
      chunk.length >= TAIL_BYTES
        ? Buffer.from(chunk.subarray(chunk.length - TAIL_BYTES))
        : Buffer.concat([this.bytes, chunk]).subarray(-TAIL_BYTES);
  }

  get closesArchive(): boolean {
    return this.bytes.includes(END_OF_CENTRAL_DIRECTORY);
  }
}

/** exceljs's test for a date number format: a y, m, d, h or s outside quotes and brackets. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhsb]/i.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** An Excel serial day number as the instant its wall-clock time names in UTC. */
export function excelSerialToDate(serial: number, date1904 = false): Date {
  return new Date(Math.round((serial - 25_569 + (date1904 ? 1_462 : 0)) * 86_400_000));
}

const damaged = (detail: string, cause?: unknown) =>
  new UnreadableFileError(`the XLSX file is damaged or truncated: ${detail}`, { cause });

/**
 * One cell as a raw value. Text, numbers, booleans and dates pass; rich text becomes its plain
 * text; a formula its cached result (a date when the cell is formatted as one); a hyperlink its
 * text (hyperlinks are not read, so the cell holds the text shown); an error cell (#N/A,
 * #DIV/0!…) null, as it holds no value — `raw` still shows the error.
 */
function cellValue(cell: ExcelJS.Cell, date1904: boolean): { value: RawValue; text: string } {
  const value: unknown = cell.value;
  if (value === null || value === undefined) return { value: null, text: '' };
  if (typeof value === 'string') return { value: value === '' ? null : value, text: value };
  if (typeof value === 'number')
    return Number.isFinite(value) ? { value, text: String(value) } : { value: null, text: '' };
  if (typeof value === 'boolean') return { value, text: String(value) };
  if (value instanceof Date)
    return Number.isNaN(value.getTime())
      ? { value: null, text: '' }
      : { value, text: value.toISOString() };
  const object = value as Record<string, unknown>;
  if (Array.isArray(object['richText'])) {
    const text = (object['richText'] as { text?: string }[]).map((run) => run.text ?? '').join('');
    return { value: text === '' ? null : text, text };
  }
  if ('error' in object) return { value: null, text: String(object['error']) };
  if ('formula' in object || 'sharedFormula' in object) {
    const result = object['result'];
    if (typeof result === 'number' && Number.isFinite(result) && isDateFormat(cell.numFmt)) {
      const date = excelSerialToDate(result, date1904);
      return { value: date, text: date.toISOString() };
    }
    if (typeof result === 'number' && !Number.isFinite(result)) return { value: null, text: '' };
    if (typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean')
      return { value: result === '' ? null : result, text: String(result) };
    if (result instanceof Date) return { value: result, text: result.toISOString() };
    return { value: null, text: '' };
  }
  if ('text' in object && typeof object['text'] === 'string')
    return { value: object['text'] === '' ? null : object['text'], text: object['text'] };
  if ('sharedString' in object)
    throw damaged(
      `a cell refers to shared string ${String(object['sharedString'])}, which is missing`,
    );
  return { value: null, text: '' };
}

/** The cells of a row from column 1 to its last non-empty one. */
function rowCells(row: ExcelJS.Row, date1904: boolean): { value: RawValue; text: string }[] {
  const cells: { value: RawValue; text: string }[] = [];
  let last = 0;
  const count = row.cellCount;
  for (let col = 1; col <= count; col++) {
    const cell = cellValue(row.getCell(col), date1904);
    cells.push(cell);
    // An error cell has no value but shows text: it counts, so `raw` shows it.
    if (cell.value !== null || cell.text !== '') last = col;
  }
  cells.length = last;
  return cells;
}

function checkHeader(cells: readonly { value: RawValue; text: string }[]): string[] {
  const names = cells.map((cell) => cell.text.trim());
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === '')
      throw new UnreadableFileError(`the XLSX header's column ${columnLetter(i + 1)} has no name`);
    const first = seen.get(name);
    if (first !== undefined)
      throw new UnreadableFileError(
        `the XLSX header names ${JSON.stringify(name)} twice (columns ${columnLetter(first + 1)} and ${columnLetter(i + 1)})`,
      );
    seen.set(name, i);
  });
  return names;
}

function columnLetter(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * The items of `iterable` until `stop` rejects. exceljs waits forever on an entry whose input was
 * cut (unzipper reports the cut on the archive's stream, not the entry's), so a refused or failed
 * source must not wait for it.
 */
async function* until<T>(iterable: AsyncIterable<T>, stop: Promise<never>): AsyncGenerator<T> {
  const iterator = iterable[Symbol.asyncIterator]();
  for (;;) {
    const next = await Promise.race([iterator.next(), stop]);
    if (next.done) return;
    yield next.value;
  }
}

async function* readSheet(
  sheet: SheetReader,
  date1904: boolean,
  stop: Promise<never>,
): AsyncGenerator<RawRecord[]> {
  let header: string[] | undefined;
  for await (const events of until(sheet.parse(), stop)) {
    const records: RawRecord[] = [];
    for (const { eventType, value } of events) {
      if (eventType !== 'row') continue;
      const row = value as ExcelJS.Row;
      const cells = rowCells(row, date1904);
      if (cells.length === 0) continue;
      if (!header) {
        header = checkHeader(cells);
        continue;
      }
      const values: Record<string, RawValue> = {};
      for (let i = 0; i < header.length; i++) setField(values, header[i]!, cells[i]?.value ?? null);
      records.push({
        // The sheet's own row number, as Excel shows it left of the row: header and blank rows
        // above counted, whatever row the header sits on.
        rowNumber: row.number,
        values,
        raw: truncateRaw(cells.map((cell) => cell.text).join(',')),
        ...(cells.length > header.length
          ? { error: `row has ${cells.length} cells, the header has ${header.length}` }
          : {}),
      });
    }
    yield* inBatches(records);
  }
}

/** System errors (a full disk for exceljs's temporary files) are outages, not file problems. */
const isSystemError = (error: unknown) =>
  typeof (error as NodeJS.ErrnoException | null)?.syscall === 'string';

/**
 * The records of one sheet of an XLSX workbook, with exceljs's streaming reader: rows are parsed
 * as they are read, never the whole workbook. Caveats of that reader: shared strings are kept in
 * memory (a workbook's distinct texts), and sheets stored before the shared strings — Excel's own
 * order — are first copied to temporary files.
 */
export async function* readXlsx(
  bytes: AsyncIterable<Buffer>,
  options: XlsxReadOptions,
): AsyncGenerator<RawRecord[]> {
  const tail = new Tail();
  const guard = new ZipGuard(options.limits);
  let sourceError: unknown;
  let sourceEnded = false;
  let abort: (error: unknown) => void = () => undefined;
  const stop = new Promise<never>((_, reject) => (abort = reject));
  stop.catch(() => undefined);
  // exceljs pipes its input without listening for errors: a failing source would leave it
  // waiting forever. The source's error is kept, the input just ends, and the error is
  // reported below in place of whatever exceljs makes of the cut. The guard sees (and inflates)
  // each chunk before exceljs does, so a refused archive is cut before exceljs inflates it.
  const input = Readable.from(
    (async function* () {
      try {
        for await (const chunk of bytes) {
          tail.push(chunk);
          await guard.check(chunk);
          yield chunk;
        }
        sourceEnded = true;
      } catch (error) {
        sourceError = error;
        abort(error);
      }
    })(),
    { objectMode: false },
  );
  input.on('error', () => undefined);
  // Loaded for the first XLSX file only: exceljs and its dependencies weigh ~9 MB of heap (~38
  // MB RSS) that a service reading CSV or JSON would otherwise carry from boot.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const state = workbook as unknown as WorkbookState;
  // exceljs reads `model.sheets` when a worksheet entry comes before xl/workbook.xml in the zip
  // (after the shared strings and relationships), and `model` is unset until then: the reader
  // crashed on such files (a zip's entry order is the writer's choice; exceljs's own writer
  // varies it). With an empty model the sheet is read, its name learnt from the workbook later.
  const reader = workbook as unknown as { model?: { sheets?: unknown[] } };
  reader.model ??= { sheets: [] };
  const seen: string[] = [];
  try {
    for await (const found of until(workbook as AsyncIterable<unknown>, stop)) {
      const sheet = found as SheetReader;
      if (sheet.name !== undefined) seen.push(sheet.name);
      if (!isWanted(sheet, state, options.sheet)) {
        // Read a skipped sheet to its end: exceljs deletes the temporary file of a sheet stored
        // before the shared strings as soon as we move on, and its read stream opens lazily, so
        // an unread sheet could fail the whole read with ENOENT (seen on a hidden first sheet).
        for await (const _events of until(sheet.parse(), stop)) void _events;
        continue;
      }
      // Sheets stored before the shared strings come once the whole archive is read.
      if (sourceEnded && !tail.closesArchive) throw damaged('the end of the archive is missing');
      yield* readSheet(sheet, state.properties?.model?.date1904 === true, stop);
      // A refused archive ends exceljs's input early, which it may take for the sheet's end.
      if (sourceError !== undefined) throw sourceError;
      return;
    }
  } catch (error) {
    if (sourceError !== undefined) throw sourceError;
    if (error instanceof UnreadableFileError || isSystemError(error)) throw error;
    throw damaged((error as Error).message, error);
  } finally {
    input.destroy();
    guard.close();
  }
  if (sourceError !== undefined) throw sourceError;
  if (!tail.closesArchive) throw damaged('the end of the archive is missing');
  const names = state.model?.sheets?.map((s) => s.name) ?? seen;
  if (options.sheet !== undefined)
    throw new UnreadableFileError(
      `the workbook has no sheet named ${JSON.stringify(options.sheet)}; its sheets: ${names.map((n) => JSON.stringify(n)).join(', ') || 'none'}`,
    );
  throw new UnreadableFileError(
    'the file is a ZIP archive but holds no worksheet: not an XLSX workbook',
  );
}

/**
 * The sheet asked for by name, or else the first visible one in the workbook's tab order (which
 * is not the order of the parts in the archive). Without the workbook part, the first sheet met.
 */
function isWanted(sheet: SheetReader, state: WorkbookState, wanted: string | undefined): boolean {
  if (wanted !== undefined) return sheet.name === wanted;
  const sheets = state.model?.sheets;
  if (!sheets || sheets.length === 0) return true;
  const first = sheets.find((s) => s.state === undefined || s.state === 'visible') ?? sheets[0]!;
  return sheet.name === first.name;
}
