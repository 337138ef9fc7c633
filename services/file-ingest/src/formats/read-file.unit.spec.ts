import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { openFile } from './read-file';
import { type RawRecord, type ReadOptions, UnreadableFileError } from './record-reader';

const from = (data: Buffer | string) => Readable.from([Buffer.from(data)]);

async function read(data: Buffer | string, options: ReadOptions): Promise<RawRecord[]> {
  const opened = await openFile(from(data), options);
  const records: RawRecord[] = [];
  for await (const record of opened.records) records.push(record);
  return records;
}

const values = (records: RawRecord[]) => records.map((r) => r.error ?? r.values);

async function workbook(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('reading CSV', () => {
  it('handles a BOM, CRLF, quoted delimiters, quotes and line breaks, and blank lines', async () => {
    const csv = '\uFEFFid;name;note\r\n1;"Smith; Ana";"said ""hi""\r\nthen left"\r\n\r\n2;Bo;\r\n';
    const records = await read(csv, { fileName: 'people.csv' });
    expect(records).toEqual([
      {
        rowNumber: 1,
        values: { id: '1', name: 'Smith; Ana', note: 'said "hi"\r\nthen left' },
        raw: '1;"Smith; Ana";"said ""hi""\r\nthen left"',
      },
      { rowNumber: 2, values: { id: '2', name: 'Bo', note: null }, raw: '2;Bo;' },
    ]);
  });

  it('reports a ragged row as that row’s error and reads on', async () => {
    const records = await read('a\tb\n1\t2\t3\n4\t5\n', { fileName: 'x.tsv' });
    expect(records.map((r) => [r.rowNumber, r.error ?? r.values])).toEqual([
      [1, 'row has 3 fields, the header has 2'],
      [2, { a: '4', b: '5' }],
    ]);
  });

  it('refuses a header with a missing or repeated name', async () => {
    await expect(read('a,,c\n1,2,3\n', { fileName: 'x.csv' })).rejects.toThrow(
      'column 2 of the header has no name',
    );
    await expect(read('a,b,a\n1,2,3\n', { fileName: 'x.csv' })).rejects.toThrow(
      'column "a" appears twice in the header',
    );
  });

  it('stops at a line longer than the limit without reading it whole', async () => {
    const endless = Readable.from(
      (function* () {
        for (let i = 0; i < 1_000; i++) yield Buffer.alloc(64 * 1024, 'x');
      })(),
    );
    const opened = await openFile(endless, { fileName: 'one-line.csv', maxRowChars: 1_048_576 });
    const drain = async () => {
      for await (const _ of opened.records);
    };
    await expect(drain()).rejects.toThrow(
      new UnreadableFileError('line 1 is longer than 1048576 characters'),
    );
  });

  it('reads 200,000 generated rows streamed from a generator', async () => {
    const rows = 200_000;
    const source = Readable.from(
      (function* () {
        yield Buffer.from('user_id,date,usage_kwh\n');
        for (let i = 0; i < rows; i += 1_000) {
          let chunk = '';
          for (let j = i; j < i + 1_000; j++) chunk += `u-${j},2026-10-01,${j % 50}.5\n`;
          yield Buffer.from(chunk);
        }
      })(),
    );
    const opened = await openFile(source, { fileName: 'big.csv' });
    let count = 0;
    let last: RawRecord | undefined;
    for await (const record of opened.records) {
      count++;
      last = record;
    }
    expect(count).toBe(rows);
    expect(last).toEqual({
      rowNumber: rows,
      values: { user_id: 'u-199999', date: '2026-10-01', usage_kwh: '49.5' },
      raw: 'u-199999,2026-10-01,49.5',
    });
  });
});

describe('reading JSON and NDJSON', () => {
  it('reads an array of objects, keeping nested values as JSON text', async () => {
    const json = JSON.stringify([{ id: 1, tags: ['a'], ok: true, none: null }, 7]);
    expect(values(await read(json, { fileName: 'x.json' }))).toEqual([
      { id: 1, tags: '["a"]', ok: true, none: null },
      'is not a JSON object',
    ]);
  });

  it('refuses a JSON file that is not an array, and says where a broken one breaks', async () => {
    await expect(read('{"id": 1}', { fileName: 'x.json' })).rejects.toThrow(
      'a JSON file must hold an array of objects',
    );
    await expect(read('[{"id": 1}, {"id": ', { fileName: 'x.json' })).rejects.toThrow(
      /^the JSON is malformed after row 1/,
    );
  });

  it('reads NDJSON line by line, a bad line being that row’s error', async () => {
    const records = await read('{"a":1}\n\nnot json\n{"a":2}\r\n', { fileName: 'x.jsonl' });
    expect(records.map((r) => [r.rowNumber, r.error?.slice(0, 17) ?? r.values])).toEqual([
      [1, { a: 1 }],
      [2, 'is not valid JSON'],
      [3, { a: 2 }],
    ]);
  });
});

describe('detection and refusals', () => {
  it('recognises gzip from the bytes and the format from the name or the first character', async () => {
    const opened = await openFile(from(gzipSync('{"a":1}\n')), { fileName: 'data.bin' });
    expect([opened.format, opened.compressed]).toEqual(['ndjson', true]);
    expect((await openFile(from('[{"a":1}]'), { fileName: 'noext' })).format).toBe('json');
    expect((await openFile(from('a,b\n1,2\n'), { fileName: 'x.ndjson' })).format).toBe('ndjson');
  });

  it('refuses empty, binary and broken gzip files with their reason', async () => {
    await expect(read('', { fileName: 'x.csv' })).rejects.toThrow('the file is empty');
    await expect(read(' \r\n', { fileName: 'x.csv' })).rejects.toThrow('the file is empty');
    await expect(read(gzipSync(''), { fileName: 'x.csv.gz' })).rejects.toThrow('the file is empty');
    await expect(read(Buffer.from([0x41, 0x00, 0x42]), { fileName: 'x.csv' })).rejects.toThrow(
      'the file is binary, not CSV text',
    );
    const broken = gzipSync(Buffer.from('a,b\n1,2\n'.repeat(10_000))).subarray(0, 100);
    await expect(read(broken, { fileName: 'x.csv.gz' })).rejects.toThrow(
      /^the file is not valid gzip: /,
    );
  });
});

describe('reading XLSX', () => {
  it('reads the first sheet, with date cells as dates and formulas as their results', async () => {
    const bytes = await workbook({
      Clients: [
        ['client_id', 'created_at', 'total'],
        ['c-1', new Date('2026-10-01T00:00:00Z'), { formula: '1+1', result: 2 }],
        [],
        ['c-2', 'not a date', { richText: [{ text: 'thr' }, { text: 'ee' }] }],
      ],
      Other: [['x'], [1]],
    });
    const records = await read(bytes, { fileName: 'clients.xlsx' });
    expect(records).toEqual([
      {
        rowNumber: 1,
        values: { client_id: 'c-1', created_at: new Date('2026-10-01T00:00:00Z'), total: 2 },
        raw: 'c-1,2026-10-01T00:00:00.000Z,2',
      },
      {
        rowNumber: 2,
        values: { client_id: 'c-2', created_at: 'not a date', total: 'three' },
        raw: 'c-2,not a date,three',
      },
    ]);
  });

  it('reads a named sheet, and lists the sheets when the name is unknown', async () => {
    const bytes = await workbook({ A: [['a'], [1]], B: [['b'], [2]] });
    expect(values(await read(bytes, { fileName: 'x.xlsx', sheet: 'B' }))).toEqual([{ b: 2 }]);
    await expect(read(bytes, { fileName: 'x.xlsx', sheet: 'C' })).rejects.toThrow(
      'no sheet "C" in the workbook; its sheets are "A", "B"',
    );
  });

  it('refuses a truncated workbook', async () => {
    const bytes = await workbook({ A: [['a'], ...Array.from({ length: 500 }, (_, i) => [i])] });
    await expect(
      read(bytes.subarray(0, Math.floor(bytes.length / 2)), { fileName: 'x.xlsx' }),
    ).rejects.toThrow(UnreadableFileError);
  });
});
