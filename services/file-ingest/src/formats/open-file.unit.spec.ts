import { pipeline, Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import { firstLineNotUtf8, HEAD_BYTES } from './detect-format';
import { openFile } from './open-file';
import { type RawRecord, type ReadOptions, UnreadableFileError } from './record-reader';

const from = (data: Buffer | string) => Readable.from([Buffer.from(data)]);

async function read(input: Readable | Buffer | string, options: ReadOptions) {
  const opened = await openFile(input instanceof Readable ? input : from(input), options);
  const records: RawRecord[] = [];
  for await (const record of opened.records) records.push(record);
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

/** A stream that counts what was taken from it: proof that a file was not read whole. */
function counted(chunks: Iterable<Buffer>) {
  const source = { bytesRead: 0, stream: undefined as unknown as Readable };
  source.stream = Readable.from(
    (function* () {
      for (const chunk of chunks) {
        source.bytesRead += chunk.length;
        yield chunk;
      }
    })(),
  );
  return source;
}

const CSV = 'id,name\n1,Ana\n2,Bo\n';
const CSV_RECORDS: RawRecord[] = [
  { rowNumber: 2, values: { id: '1', name: 'Ana' }, raw: '1,Ana' },
  { rowNumber: 3, values: { id: '2', name: 'Bo' }, raw: '2,Bo' },
];
const JSON_TEXT = '[{"id":"1","name":"Ana"},{"id":"2","name":"Bo"}]';
const NDJSON = '{"id":"1","name":"Ana"}\n{"id":"2","name":"Bo"}\n';
const OBJECT_RECORDS = (raws: string[]): RawRecord[] => [
  { rowNumber: 1, values: { id: '1', name: 'Ana' }, raw: raws[0]! },
  { rowNumber: 2, values: { id: '2', name: 'Bo' }, raw: raws[1]! },
];

describe('openFile', () => {
  describe('each text format, plain and gzipped', () => {
    it.each([
      ['people.csv', CSV, 'csv', CSV_RECORDS],
      [
        'people.json',
        JSON_TEXT,
        'json',
        OBJECT_RECORDS(['{"id":"1","name":"Ana"}', '{"id":"2","name":"Bo"}']),
      ],
      [
        'people.ndjson',
        NDJSON,
        'ndjson',
        OBJECT_RECORDS(['{"id":"1","name":"Ana"}', '{"id":"2","name":"Bo"}']),
      ],
    ])('%s', async (fileName, text, format, records) => {
      expect(await read(text, { fileName })).toEqual({ format, compressed: false, records });
      expect(await read(gzipSync(text), { fileName: `${fileName}.gz` })).toEqual({
        format,
        compressed: true,
        records,
      });
    });

    it('reads a BOM, CRLF and ; delimiter in gzipped CSV cut into small chunks', async () => {
      const bytes = gzipSync('\uFEFFid;name\r\n1;"Ana; B"\r\n');
      const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
      expect((await read(Readable.from(chunks), { fileName: 'x.csv.gz' })).records).toEqual([
        { rowNumber: 2, values: { id: '1', name: 'Ana; B' }, raw: '1;"Ana; B"' },
      ]);
    });
  });

  describe('format detection', () => {
    it('takes gzip from the bytes, whatever the name', async () => {
      const opened = await openFile(from(gzipSync(NDJSON)), { fileName: 'upload.bin' });
      expect([opened.format, opened.compressed]).toEqual(['ndjson', true]);
    });

    it('takes the extension, then the first character', async () => {
      const format = async (data: string, fileName: string) =>
        (await openFile(from(data), { fileName })).format;
      expect(await format(NDJSON, 'x.jsonl')).toBe('ndjson');
      expect(await format('a\tb\n', 'x.TSV')).toBe('csv');
      expect(await format('a,b\n', 'x.txt')).toBe('csv');
      expect(await format(JSON_TEXT, 'x.JSON.gz')).toBe('json');
      expect(await format(' \n [{"a":1}]', 'noext')).toBe('json');
      expect(await format('{"a":1}', 'x.dat')).toBe('ndjson');
      expect(await format('a,b\n', 'x')).toBe('csv');
    });

    it('lets an explicit format win', async () => {
      expect((await read('{"a":1}\n', { fileName: 'x.csv', format: 'ndjson' })).records).toEqual([
        { rowNumber: 1, values: { a: 1 }, raw: '{"a":1}' },
      ]);
    });
  });

  describe('refusals', () => {
    it.each([
      ['a 0-byte file', Buffer.alloc(0)],
      ['a gzip of nothing', gzipSync('')],
      ['a BOM and whitespace', '\uFEFF \r\n\t\n'],
      ['200 KiB of blank lines', '\n'.repeat(200 * 1024)],
    ])('%s is empty', async (_, data) => {
      const error = await failure(read(data, { fileName: 'x.csv' }));
      expect(error).toBeInstanceOf(UnreadableFileError);
      expect(error.message).toBe('the file is empty');
    });

    it('refuses binary bytes as CSV or JSON', async () => {
      const junk = Buffer.from([0x41, 0x42, 0x00, 0x13, 0xff, 0x0a]);
      expect((await failure(read(junk, { fileName: 'x.csv' }))).message).toBe(
        'the file is binary (it holds NUL bytes), not CSV',
      );
      expect((await failure(read(junk, { fileName: 'x.json' }))).message).toBe(
        'the file is binary (it holds NUL bytes), not JSON',
      );
      expect((await failure(read(gzipSync(junk), { fileName: 'x.ndjson.gz' }))).message).toBe(
        'the file is binary (it holds NUL bytes), not NDJSON',
      );
    });

    it('refuses text that is not UTF-8, naming the first line that is not', async () => {
      // `Müller` and `Zoë` saved as Latin-1: ü is 0xFC, ë 0xEB, neither a UTF-8 character alone.
      const latin1 = Buffer.from('user_id,name\nu-1,M\u00fcller\nu-2,Zo\u00eb\n', 'latin1');
      expect((await failure(read(latin1, { fileName: 'x.csv' }))).message).toBe(
        'the file is not UTF-8 text (line 2 holds bytes UTF-8 does not allow: ' +
          'Latin-1 or Windows-1252?): save it as UTF-8 CSV',
      );
      const lastLine = Buffer.concat([
        Buffer.from('{"a":1}\n{"a":"'),
        Buffer.from([0xc3]),
        Buffer.from('"}'),
      ]);
      expect((await failure(read(lastLine, { fileName: 'x.ndjson' }))).message).toMatch(
        /^the file is not UTF-8 text \(line 2 holds/,
      );
    });

    it('judges only complete lines of a long head, whose end may split a character', () => {
      const split = Buffer.from('€'); // three bytes
      const head = Buffer.concat([
        Buffer.from(`${'a'.repeat(HEAD_BYTES - 10)}\n`),
        Buffer.from('bbbbbbb'),
        split.subarray(0, 2),
      ]);
      expect(head.length).toBe(HEAD_BYTES);
      expect(firstLineNotUtf8(head)).toBeUndefined();
      expect(firstLineNotUtf8(head.subarray(0, HEAD_BYTES - 1))).toBe(2);
      expect(firstLineNotUtf8(Buffer.from('ok\n\u00e9', 'latin1'))).toBe(2);
      expect(firstLineNotUtf8(Buffer.from('ok\n\u00e9\n', 'utf8'))).toBeUndefined();
    });

    it('says what a UTF-16, legacy .xls or non-ZIP .xlsx file is', async () => {
      expect(
        (await failure(read(Buffer.from('\uFEFFa,b', 'utf16le'), { fileName: 'x.csv' }))).message,
      ).toBe('the file is UTF-16 text: save it as UTF-8 CSV');
      const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
      expect((await failure(read(xls, { fileName: 'x.xls' }))).message).toBe(
        'the file is a legacy Excel .xls workbook, not CSV: save it as .xlsx or CSV',
      );
      expect((await failure(read('a,b\n', { fileName: 'x.xlsx' }))).message).toBe(
        'the file is not an XLSX workbook (it is not a ZIP archive)',
      );
    });

    it('refuses gzip truncated halfway', async () => {
      const text = Array.from({ length: 20_000 }, (_, i) => `${i},name ${i * 7919}\n`).join('');
      const zipped = gzipSync(`id,name\n${text}`);
      const error = await failure(
        read(zipped.subarray(0, zipped.length / 2), { fileName: 'x.csv.gz' }),
      );
      expect(error).toBeInstanceOf(UnreadableFileError);
      expect(error.message).toBe('the file is not valid gzip: unexpected end of file');
    });

    it('refuses gzip with a damaged header', async () => {
      const error = await failure(
        read(Buffer.from([0x1f, 0x8b, 0x63, 0, 0, 0]), { fileName: 'x.csv' }),
      );
      expect(error).toBeInstanceOf(UnreadableFileError);
      expect(error.message).toMatch(/^the file is not valid gzip: /);
    });

    it.each([
      ['csv', 'a\n', 'the row on line 2 is longer than 1048576 characters'],
      ['csv', '', 'the CSV header is longer than 1048576 characters'],
      ['ndjson', '', 'line 1 is longer than 1048576 characters'],
      ['json', '[', 'row 1 is longer than 1048576 characters'],
    ])(
      'refuses a 10 MB single line (%s, after %j) having read about 1 MiB of it',
      async (format, before, message) => {
        const body = format === 'csv' ? 'x' : format === 'json' ? '"' : '{';
        const source = counted(
          (function* () {
            yield Buffer.from(before + body);
            for (let i = 0; i < 160; i++) yield Buffer.alloc(64 * 1024, 'x');
          })(),
        );
        const error = await failure(read(source.stream, { fileName: `one-line.${format}` }));
        expect(error).toBeInstanceOf(UnreadableFileError);
        expect(error.message).toBe(message);
        expect(source.bytesRead).toBeLessThan(2 * 1024 * 1024);
        expect(source.stream.destroyed).toBe(true);
      },
    );

    it('passes an error of the source through unchanged, so it can be retried', async () => {
      const failing = () =>
        Readable.from(
          (async function* () {
            yield Buffer.from(CSV);
            throw new Error('disk gone');
          })(),
        );
      const plain = await failure(read(failing(), { fileName: 'x.csv' }));
      expect(plain).not.toBeInstanceOf(UnreadableFileError);
      expect(plain.message).toBe('disk gone');
      const zipped = Readable.from(
        (async function* () {
          yield gzipSync(CSV).subarray(0, 12);
          throw new Error('disk gone');
        })(),
      );
      const error = await failure(read(zipped, { fileName: 'x.csv.gz' }));
      expect(error).not.toBeInstanceOf(UnreadableFileError);
      expect(error.message).toBe('disk gone');
    });
  });

  describe('streaming', () => {
    /** `rows` CSV rows made as they are read: the file never exists whole. */
    function generatedCsv(rows: number) {
      return Readable.from(
        (function* () {
          yield Buffer.from('user_id,date,usage_kwh,note\n');
          for (let i = 0; i < rows; i += 1_000) {
            let chunk = '';
            for (let j = i; j < Math.min(rows, i + 1_000); j++)
              chunk += `u-${String(j).padStart(7, '0')},2026-10-01,${j % 97}.25,"quoted, ${j % 13}"\n`;
            yield Buffer.from(chunk);
          }
        })(),
      );
    }

    it('reads a ~50 MB CSV produced lazily, in batches of at most 1,000 rows', async () => {
      // 39 bytes a row, 51 MB in all.
      const rows = 1_300_000;
      const opened = await openFile(generatedCsv(rows), { fileName: 'usage.csv' });
      let count = 0;
      let largest = 0;
      let last: RawRecord | undefined;
      for await (const batch of opened.batches) {
        count += batch.length;
        largest = Math.max(largest, batch.length);
        last = batch[batch.length - 1];
      }
      expect(count).toBe(rows);
      expect(largest).toBe(1_000);
      // 1,299,999 = 97 × 13,402 + 5 = 13 × 99,999 + 12.
      expect(last).toEqual({
        // Its line: the header is line 1.
        rowNumber: 1_300_001,
        values: { user_id: 'u-1299999', date: '2026-10-01', usage_kwh: '5.25', note: 'quoted, 12' },
        raw: 'u-1299999,2026-10-01,5.25,"quoted, 12"',
      });
    });

    it.each([
      ['plain', (text: Readable) => text],
      ['gzipped', (text: Readable) => pipeline(text, createGzip(), () => undefined)],
    ])('closes the %s source when the consumer stops early', async (_, wrap) => {
      const source = generatedCsv(1_000_000);
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        const opened = await openFile(wrap(source), { fileName: 'usage.csv' });
        let count = 0;
        for await (const _ of opened.records) if (++count === 3) break;
        expect(count).toBe(3);
        if (!source.destroyed) await new Promise((resolve) => source.once('close', resolve));
        await new Promise((resolve) => setImmediate(resolve));
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });
  });
});
