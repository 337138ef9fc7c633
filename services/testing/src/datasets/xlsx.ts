import ExcelJS from 'exceljs';
import { COLUMNS, type Dataset, type Row } from './generate';

const DATE_COLUMNS = new Set([
  'signup_date',
  'start_time',
  'end_time',
  'created_at',
  'transaction_date',
  'timestamp',
  'date',
  'sale_date',
]);
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z)?$/;

/**
 * A workbook with the dataset's canonical columns in one sheet. With `dateColumnsAsExcelDates`,
 * ISO dates in date columns become real Excel date cells (as a spreadsheet user would have
 * them); anything else (a planted "not a date") stays text.
 */
export async function toXlsx(
  dataset: Dataset,
  rows: readonly Row[],
  options: { sheetName?: string; dateColumnsAsExcelDates?: boolean } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // Fixed document dates, so the same rows give the same bytes.
  workbook.created = workbook.modified = new Date('2026-01-01T00:00:00Z');
  const sheet = workbook.addWorksheet(options.sheetName ?? dataset);
  const columns = COLUMNS[dataset];
  sheet.addRow([...columns]);
  for (const row of rows) {
    sheet.addRow(
      columns.map((column) => {
        const value = row[column] ?? null;
        if (
          options.dateColumnsAsExcelDates &&
          DATE_COLUMNS.has(column) &&
          typeof value === 'string' &&
          ISO.test(value)
        )
          return new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
        return value;
      }),
    );
  }
  columns.forEach((column, i) => {
    if (DATE_COLUMNS.has(column))
      sheet.getColumn(i + 1).numFmt = column.endsWith('date')
        ? 'yyyy-mm-dd'
        : 'yyyy-mm-dd hh:mm:ss';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
