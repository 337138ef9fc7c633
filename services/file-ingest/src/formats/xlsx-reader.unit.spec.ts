import { COLUMNS, generateDatasets, SMALL, toXlsx } from '@tributary/testing';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { openFile } from './open-file';
import { type RawRecord, type ReadOptions, UnreadableFileError } from './record-reader';
import { excelSerialToDate, isDateFormat } from './xlsx-reader';

const from = (data: Buffer) => Readable.from([data]);

async function read(input: Readable | Buffer, options: ReadOptions) {
  const opened = await openFile(input instanceof Readable ? input : from(input), options);
  const records: RawRecord[] = [];
  for await (const batch of opened.batches) records.push(...batch);
  return { format: opened.format, compressed: opened.compressed, records };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

async function people(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('People');
  sheet.addRow(['id', 'name', 'born', 'score', 'active']);
  sheet.addRow(['p1', 'Ana', new Date(Date.UTC(2026, 9, 7)), 12.5, true]);
  sheet.addRow([
    'p2',
    { richText: [{ text: 'Bo ' }, { text: 'Li' }] },
    // 46024 is 2026-01-02: 20,455 days after 1970-01-01, plus the 25,569 from 1899-12-30.
    { formula: 'DATE(2026,1,2)', result: 46024 },
    { formula: '1+1', result: 2 },
    false,
  ]);
  sheet.getColumn(3).numFmt = 'yyyy-mm-dd';
  // Row 4 stays empty.
  sheet.getRow(5).values = [
    'p3',
    { text: 'site', hyperlink: 'https://example.com' },
    { error: '#N/A' },
  ];
  sheet.getRow(6).values = ['p4', 'x', null, 1, true, 'extra'];
  book.addWorksheet('Other').addRows([
    ['x', 'y'],
    [1, 'a'],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const PEOPLE: RawRecord[] = [
  // The sheet's own row numbers: the header is row 1 and row 4 is empty.
  {
    rowNumber: 2,
    values: {
      id: 'p1',
      name: 'Ana',
      born: new Date('2026-10-07T00:00:00Z'),
      score: 12.5,
      active: true,
    },
    raw: 'p1,Ana,2026-10-07T00:00:00.000Z,12.5,true',
  },
  {
    rowNumber: 3,
    values: {
      id: 'p2',
      name: 'Bo Li',
      born: new Date('2026-01-02T00:00:00Z'),
      score: 2,
      active: false,
    },
    raw: 'p2,Bo Li,2026-01-02T00:00:00.000Z,2,false',
  },
  {
    rowNumber: 5,
    values: { id: 'p3', name: 'site', born: null, score: null, active: null },
    raw: 'p3,site,#N/A',
  },
  {
    rowNumber: 6,
    values: { id: 'p4', name: 'x', born: null, score: 1, active: true },
    raw: 'p4,x,,1,true,extra',
    error: 'row has 6 cells, the header has 5',
  },
];

describe('XLSX reader', () => {
  let bytes: Buffer;
  beforeAll(async () => {
    bytes = await people();
  });

  it('reads the first sheet: dates, rich text, formulas, hyperlinks, error cells, empty rows', async () => {
    expect(await read(bytes, { fileName: 'people.xlsx' })).toEqual({
      format: 'xlsx',
      compressed: false,
      records: PEOPLE,
    });
  });

  it('reads gzipped XLSX, and XLSX bytes whatever the name says', async () => {
    expect(await read(gzipSync(bytes), { fileName: 'people.xlsx.gz' })).toEqual({
      format: 'xlsx',
      compressed: true,
      records: PEOPLE,
    });
    expect((await read(bytes, { fileName: 'people.json' })).records).toEqual(PEOPLE);
  });

  it('reads a sheet by name, and lists the sheets when the name is unknown', async () => {
    expect((await read(bytes, { fileName: 'x.xlsx', sheet: 'Other' })).records).toEqual([
      { rowNumber: 2, values: { x: 1, y: 'a' }, raw: '1,a' },
    ]);
    const error = await failure(read(bytes, { fileName: 'x.xlsx', sheet: 'Nope' }));
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect(error.message).toBe(
      'the workbook has no sheet named "Nope"; its sheets: "People", "Other"',
    );
  });

  it('skips a hidden first sheet', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Lookup', { state: 'hidden' }).addRow(['code']);
    book.addWorksheet('Data').addRows([['a'], ['b']]);
    const hidden = Buffer.from(await book.xlsx.writeBuffer());
    expect((await read(hidden, { fileName: 'x.xlsx' })).records).toEqual([
      { rowNumber: 2, values: { a: 'b' }, raw: 'b' },
    ]);
  });

  it('numbers rows as the sheet does when the header is not on row 1', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Data');
    sheet.getRow(3).values = ['id'];
    sheet.getRow(4).values = ['a'];
    sheet.getRow(7).values = ['b'];
    const late = Buffer.from(await book.xlsx.writeBuffer());
    expect((await read(late, { fileName: 'x.xlsx' })).records.map((r) => r.rowNumber)).toEqual([
      4, 7,
    ]);
  });

  it('refuses a header with a repeated name', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('S').addRows([
      ['a', 'b', ' a '],
      [1, 2, 3],
    ]);
    const error = await failure(
      read(Buffer.from(await book.xlsx.writeBuffer()), { fileName: 'x.xlsx' }),
    );
    expect(error.message).toBe('the XLSX header names "a" twice (columns A and C)');
  });

  it('refuses a workbook truncated halfway, or just before its central directory', async () => {
    const half = await failure(read(bytes.subarray(0, bytes.length / 2), { fileName: 'x.xlsx' }));
    expect(half).toBeInstanceOf(UnreadableFileError);
    expect(half.message).toMatch(/^the XLSX file is damaged or truncated: /);
    const directory = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const cut = await failure(read(bytes.subarray(0, directory), { fileName: 'x.xlsx' }));
    expect(cut).toBeInstanceOf(UnreadableFileError);
    expect(cut.message).toBe(
      'the XLSX file is damaged or truncated: the end of the archive is missing',
    );
  });

  it('refuses truncated gzip around a workbook instead of waiting forever', async () => {
    const zipped = gzipSync(bytes);
    const error = await failure(
      read(zipped.subarray(0, zipped.length - 100), { fileName: 'x.xlsx.gz' }),
    );
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect(error.message).toBe('the file is not valid gzip: unexpected end of file');
  });

  it('passes an error of the source through unchanged', async () => {
    const failing = Readable.from(
      (async function* () {
        yield bytes.subarray(0, 2_000);
        throw new Error('disk gone');
      })(),
    );
    const error = await failure(read(failing, { fileName: 'x.xlsx' }));
    expect(error).not.toBeInstanceOf(UnreadableFileError);
    expect(error.message).toBe('disk gone');
  });

  it('reads the test kit’s workbooks, with ISO dates as date cells', async () => {
    const { rows } = generateDatasets({ seed: 7, scale: SMALL, anomalyRate: 0 });
    const transactions = rows['banking.transactions'];
    const workbook = await toXlsx('banking.transactions', transactions, {
      dateColumnsAsExcelDates: true,
    });
    const { records } = await read(workbook, { fileName: 'transactions.xlsx' });
    expect(records).toHaveLength(transactions.length);
    const first = transactions[0]!;
    expect(Object.keys(records[0]!.values)).toEqual(COLUMNS['banking.transactions']);
    expect(records[0]!.values).toEqual({
      ...first,
      transaction_date: new Date(`${first['transaction_date']}T00:00:00Z`),
    });
    const clients = rows['banking.clients'];
    const [client] = (
      await read(await toXlsx('banking.clients', clients, { dateColumnsAsExcelDates: true }), {
        fileName: 'clients.xlsx',
      })
    ).records;
    expect(client!.values['created_at']).toEqual(new Date(String(clients[0]!['created_at'])));
  });

  it('closes the source when the consumer stops early', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Big');
    sheet.addRow(['n', 'text']);
    for (let i = 0; i < 5_000; i++) sheet.addRow([i, `row ${i}`]);
    const big = Buffer.from(await book.xlsx.writeBuffer());
    const source = Readable.from([big.subarray(0, 1_000), big.subarray(1_000)]);
    const opened = await openFile(source, { fileName: 'big.xlsx' });
    let count = 0;
    for await (const _ of opened.records) if (++count === 3) break;
    expect(count).toBe(3);
    if (!source.destroyed) await new Promise((resolve) => source.once('close', resolve));
    expect(source.destroyed).toBe(true);
  });

  it('tells date formats and converts serial days as exceljs does', () => {
    expect(isDateFormat('yyyy-mm-dd hh:mm')).toBe(true);
    expect(isDateFormat('[$-409]d-mmm-yy')).toBe(true);
    expect(isDateFormat('0.00')).toBe(false);
    expect(isDateFormat('"Day"0')).toBe(false);
    expect(excelSerialToDate(46024.5)).toEqual(new Date('2026-01-02T12:00:00Z'));
    expect(excelSerialToDate(44562, true)).toEqual(new Date('2026-01-02T00:00:00Z'));
  });
});

describe('XLSX entry order', () => {
  it('reads a workbook whose worksheet comes before xl/workbook.xml in the zip', async () => {
    // exceljs's writer does not fix its entry order; other writers put the sheets anywhere. The
    // archive is rebuilt with jszip (exceljs's own zip library) in the order that crashed it.
    const JSZip = (await import('jszip')).default;
    const original = await JSZip.loadAsync(await people());
    const reordered = new JSZip();
    const first = [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/worksheets/sheet1.xml',
    ];
    const names = Object.keys(original.files).filter((n) => !original.files[n]!.dir);
    for (const name of [
      ...first.filter((n) => names.includes(n)),
      ...names.filter((n) => !first.includes(n)),
    ])
      reordered.file(name, await original.file(name)!.async('nodebuffer'));
    const bytes = await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const { records } = await read(bytes, { fileName: 'people.xlsx' });
    expect(records.length).toBeGreaterThan(0);
    expect(Object.keys(records[0]!.values)).toEqual(['id', 'name', 'born', 'score', 'active']);
  });
});
