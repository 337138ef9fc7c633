import ExcelJS from 'exceljs';
import { type Readable } from 'node:stream';
import { BATCH_ROWS } from './batches';
import { type RawRecord, type RawValue, UnreadableFileError } from './record-reader';

const RAW_LIMIT = 64 * 1024;

/**
 * A cell as the file means it: rich text as its plain text, a formula as its cached result, a
 * hyperlink as its text, an error cell (`#N/A`) as that text so the row's reason shows it.
 */
function cellValue(value: unknown): RawValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  const cell = value as {
    richText?: { text: string }[];
    result?: unknown;
    formula?: string;
    sharedFormula?: string;
    text?: unknown;
    error?: string;
  };
  if (cell.richText) return cell.richText.map((run) => run.text).join('');
  if (cell.formula !== undefined || cell.sharedFormula !== undefined) return cellValue(cell.result);
  if (cell.error !== undefined) return cell.error;
  if (cell.text !== undefined) return cellValue(cell.text);
  return JSON.stringify(value);
}

const asText = (value: RawValue) =>
  value === null ? '' : value instanceof Date ? value.toISOString() : String(value);

/**
 * Rows of one worksheet (the first, or `sheet` by name), read with exceljs's streaming reader: the
 * workbook is never loaded whole. Date-formatted cells come as Dates (UTC); the first non-empty
 * row is the header; empty rows are skipped.
 */
export async function* xlsxRecords(input: Readable, sheet?: string): AsyncGenerator<RawRecord[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const seen: string[] = [];
  let found = false;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name?: string }).name ?? `Sheet${seen.length + 1}`;
      seen.push(name);
      if (found || (sheet !== undefined && name !== sheet)) continue;
      found = true;
      let header: string[] | undefined;
      let rowNumber = 0;
      let batch: RawRecord[] = [];
      for await (const row of worksheet) {
        const cells = (row.values as unknown[]).slice(1).map(cellValue);
        if (cells.every((c) => c === null || c === '')) continue;
        if (!header) {
          header = cells.map((c) => asText(c).trim());
          const named = new Set<string>();
          header.forEach((h, i) => {
            if (h === '' && cells.slice(i).some((c) => c !== null))
              throw new UnreadableFileError(`column ${i + 1} of the header has no name`);
            if (h !== '' && named.has(h))
              throw new UnreadableFileError(`column "${h}" appears twice in the header`);
            named.add(h);
          });
          while (header.length > 0 && header[header.length - 1] === '') header.pop();
          continue;
        }
        rowNumber++;
        const values: Record<string, RawValue> = {};
        header.forEach((name, i) => (values[name] = cells[i] ?? null));
        const joined = cells.map(asText).join(',');
        const extra = cells.slice(header.length).some((c) => c !== null && c !== '');
        batch.push({
          rowNumber,
          values: extra ? {} : values,
          raw: joined.length > RAW_LIMIT ? joined.slice(0, RAW_LIMIT) : joined,
          ...(extra
            ? { error: `row has values beyond the header's ${header.length} columns` }
            : {}),
        });
        if (batch.length >= BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      if (!header) throw new UnreadableFileError(`sheet "${name}" is empty`);
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(
      `the XLSX file is damaged or truncated: ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    input.destroy();
  }
  if (!found) {
    throw new UnreadableFileError(
      seen.length === 0
        ? 'the XLSX file has no worksheet: it is damaged or truncated'
        : `no sheet "${sheet}" in the workbook; its sheets are ${seen.map((s) => `"${s}"`).join(', ')}`,
    );
  }
}
