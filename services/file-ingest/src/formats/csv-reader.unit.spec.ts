import { CsvRowReader, detectDelimiter, detectNewline, readCsv } from './csv-reader';
import { type RawRecord, UnreadableFileError } from './record-reader';

async function* pieces(...texts: string[]) {
  yield* texts;
}

async function read(text: string, options: { delimiter?: string; maxRowChars?: number } = {}) {
  const records: RawRecord[] = [];
  for await (const batch of readCsv(pieces(text), { maxRowChars: 1_048_576, ...options }))
    records.push(...batch);
  return records;
}

/** Feeds one character at a time: every row, quote and line break is cut somewhere. */
function readByCharacter(text: string, maxRowChars: number) {
  const reader = new CsvRowReader({ maxRowChars });
  const records: RawRecord[] = [];
  for (const char of text) records.push(...reader.push(char));
  records.push(...reader.end());
  return records;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('CSV reader', () => {
  it('reads quoted fields with delimiters, quotes and CRLF line breaks, and skips blank lines; rows numbered by the line they start on', async () => {
    const text =
      'id;name;note\r\n' +
      '1;"Smith; John";"line1\r\nline2"\r\n' +
      '2;Ana;"say ""hi"""\r\n' +
      '\r\n' +
      '3;;\r\n';
    expect(await read(text)).toEqual([
      {
        rowNumber: 2,
        values: { id: '1', name: 'Smith; John', note: 'line1\r\nline2' },
        raw: '1;"Smith; John";"line1\r\nline2"',
      },
      {
        rowNumber: 4,
        values: { id: '2', name: 'Ana', note: 'say "hi"' },
        raw: '2;Ana;"say ""hi"""',
      },
      { rowNumber: 6, values: { id: '3', name: null, note: null }, raw: '3;;' },
    ]);
  });

  it('gives the same records when the text arrives one character at a time', () => {
    const text = 'id;name;note\r\n1;"Smith; John";"a\r\nb"\r\n2;Ana;"say ""hi"""\r\n\r\n3;;\r\n';
    expect(readByCharacter(text, 40)).toEqual([
      {
        rowNumber: 2,
        values: { id: '1', name: 'Smith; John', note: 'a\r\nb' },
        raw: '1;"Smith; John";"a\r\nb"',
      },
      {
        rowNumber: 4,
        values: { id: '2', name: 'Ana', note: 'say "hi"' },
        raw: '2;Ana;"say ""hi"""',
      },
      { rowNumber: 6, values: { id: '3', name: null, note: null }, raw: '3;;' },
    ]);
  });

  it('detects a tab or pipe delimiter and LF line breaks; the last line needs no break', async () => {
    expect(await read('a\tb\n1\t2\n3\t4')).toEqual([
      { rowNumber: 2, values: { a: '1', b: '2' }, raw: '1\t2' },
      { rowNumber: 3, values: { a: '3', b: '4' }, raw: '3\t4' },
    ]);
    expect(await read('a|b\nx,y|z\n')).toEqual([
      { rowNumber: 2, values: { a: 'x,y', b: 'z' }, raw: 'x,y|z' },
    ]);
  });

  it('uses the delimiter it is given', async () => {
    expect(await read('a;b,c\n1;2,3\n', { delimiter: ',' })).toEqual([
      { rowNumber: 2, values: { 'a;b': '1;2', c: '3' }, raw: '1;2,3' },
    ]);
    expect(await read('a\tb\n1\t2\n', { delimiter: 'tab' })).toEqual([
      { rowNumber: 2, values: { a: '1', b: '2' }, raw: '1\t2' },
    ]);
    const error = await failure(read('a,b\n', { delimiter: '"' }));
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect(error.message).toBe(
      '"\\"" cannot be a CSV delimiter: use one character such as "," ";" "|" or a tab',
    );
  });

  it('turns a row with too few or too many fields into a record with an error, and goes on', async () => {
    expect(await read('a,b,c\n1,2\n3,4,5,6\n7,8,9\n')).toEqual([
      {
        rowNumber: 2,
        values: { a: '1', b: '2', c: null },
        raw: '1,2',
        error: 'row has 2 fields, the header has 3',
      },
      {
        rowNumber: 3,
        values: { a: '3', b: '4', c: '5' },
        raw: '3,4,5,6',
        error: 'row has 4 fields, the header has 3',
      },
      { rowNumber: 4, values: { a: '7', b: '8', c: '9' }, raw: '7,8,9' },
    ]);
  });

  it('reports an unclosed quote on the row', async () => {
    const records = await read('a,b\n1,2\n3,"x\n');
    expect(records.map((r) => [r.rowNumber, r.error])).toEqual([
      [2, undefined],
      [3, 'a quoted field is not closed'],
    ]);
  });

  it('trims header names and refuses an empty or repeated one', async () => {
    expect(await read(' a , b \n1,2\n')).toEqual([
      { rowNumber: 2, values: { a: '1', b: '2' }, raw: '1,2' },
    ]);
    const empty = await failure(read('a,,c\n1,2,3\n'));
    expect(empty).toBeInstanceOf(UnreadableFileError);
    expect(empty.message).toBe(`the CSV header's column 2 has no name (header: "a,,c")`);
    const twice = await failure(read('a,b,a\n1,2,3\n'));
    expect(twice).toBeInstanceOf(UnreadableFileError);
    expect(twice.message).toBe('the CSV header names "a" twice (columns 1 and 3)');
  });

  it('numbers a row after a quoted field spanning lines, and after blank lines, by its first line', async () => {
    // Lines: 1 header, 2-4 the first row (its note spans three lines), 5 blank, 6 the second row,
    // 7 the third row, whose quoted field holds a CRLF: the fourth row starts on line 9.
    const text = 'id,note\n1,"one\ntwo\nthree"\n\n2,x\n3,"a\r\nb"\n4,y\n';
    expect((await read(text)).map((r) => [r.rowNumber, r.values['id']])).toEqual([
      [2, '1'],
      [6, '2'],
      [7, '3'],
      [9, '4'],
    ]);
    expect(readByCharacter(text, 40).map((r) => r.rowNumber)).toEqual([2, 6, 7, 9]);
  });

  it('keeps a column named __proto__ as a field', async () => {
    const [record] = await read('__proto__,b\n1,2\n');
    expect(Object.keys(record!.values)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(record!.values)).toBe(Object.prototype);
  });

  it('refuses a row longer than the limit, naming the line it starts on', () => {
    const text = 'a,b\n1,2\n\n' + 'x'.repeat(30) + ',' + 'y'.repeat(30) + '\n3,4\n';
    let error: unknown;
    try {
      readByCharacter(text, 40);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect((error as Error).message).toBe('the row on line 4 is longer than 40 characters');
  });

  it('truncates raw to 64 KiB', async () => {
    const long = 'z'.repeat(70_000);
    const [record] = await read(`a\n${long}\n`);
    expect(record!.values['a']).toBe(long);
    expect(record!.raw).toBe(long.slice(0, 65_536));
  });

  it('detects line breaks and delimiters outside quotes', () => {
    expect(detectNewline('"a\nb",c\r\n1,2\r\n')).toBe('\r\n');
    expect(detectNewline('a,b\n1,2\r\n')).toBe('\n');
    expect(detectNewline('a,b\r1,2\r')).toBe('\r');
    expect(detectNewline('a,b')).toBe('\n');
    expect(detectDelimiter('"x;y;z",b\n', '\n')).toBe(',');
    expect(detectDelimiter('\n\na;b;c|d\n', '\n')).toBe(';');
    expect(detectDelimiter('single\n', '\n')).toBe(',');
  });
});
