import {
  entityExpansionXlsx,
  externalEntityXlsx,
  manyEntriesXlsx,
  sheetXml,
  workbookParts,
  xlsxOf,
  zipArchive,
  zipBombXlsx,
} from '@tributary/testing';
import { Readable } from 'node:stream';
import { openFile } from './open-file';
import { type RawRecord, type ReadOptions, UnreadableFileError } from './record-reader';
import { DEFAULT_ZIP_LIMITS, ZipGuard, type ZipLimits } from './zip-guard';

const MIB = 1_048_576;

/** The file in chunks (64 KiB, as the landing store streams it, unless told). */
function chunked(data: Buffer, size = 65_536): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < data.length; at += size) chunks.push(data.subarray(at, at + size));
  return Readable.from(chunks);
}

async function read(data: Buffer, options: Partial<ReadOptions> = {}): Promise<RawRecord[]> {
  const opened = await openFile(chunked(data), { fileName: 'book.xlsx', ...options });
  const records: RawRecord[] = [];
  for await (const batch of opened.batches) records.push(...batch);
  return records;
}

async function refusal(data: Buffer, zipLimits?: ZipLimits): Promise<UnreadableFileError> {
  try {
    await read(data, zipLimits ? { zipLimits } : {});
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableFileError);
    return error as UnreadableFileError;
  }
  throw new Error('expected the file to be refused');
}

/** What the guard inflates of a file before refusing it, its failure and all. */
async function guardRun(data: Buffer, limits: ZipLimits) {
  const guard = new ZipGuard(limits);
  let passed = 0;
  try {
    for await (const chunk of chunked(data)) {
      await guard.check(chunk as Buffer);
      passed += (chunk as Buffer).length;
    }
    return { passed, error: undefined };
  } catch (error) {
    return { passed, error: (error as Error).message };
  } finally {
    guard.close();
  }
}

describe('XLSX zip bombs and entities', () => {
  it('reads a plain workbook, with data descriptors or without, under the default caps', async () => {
    const rows = [
      ['id', 'name'],
      ['1', 'Ana & <Bo>'],
      ['2', 'Li'],
    ];
    const records = await read(await xlsxOf(rows));
    expect(records.map((r) => ({ row: r.rowNumber, values: r.values }))).toEqual([
      { row: 2, values: { id: '1', name: 'Ana & <Bo>' } },
      { row: 3, values: { id: '2', name: 'Li' } },
    ]);
  });

  it.each([1, 7, 4096])(
    'walks workbooks with and without data descriptors cut in chunks of %i bytes',
    async (size) => {
      const JSZip = (await import('jszip')).default;
      const rows = [['id', 'name'], ...Array.from({ length: 300 }, (_, i) => [`${i}`, `n${i}`])];
      const plain = await xlsxOf(rows);
      const original = await JSZip.loadAsync(plain);
      const streamed = new JSZip();
      for (const name of Object.keys(original.files))
        streamed.file(name, await original.file(name)!.async('nodebuffer'));
      // jszip's streamFiles writes each entry with a data descriptor, sizes after the data.
      const described = await streamed.generateAsync({
        type: 'nodebuffer',
        compression: 'DEFLATE',
        streamFiles: true,
      });
      expect(described.readUInt16LE(6) & 0x0008).toBe(0x0008);
      for (const file of [plain, described]) {
        const guard = new ZipGuard(DEFAULT_ZIP_LIMITS);
        for await (const chunk of chunked(file, size)) await guard.check(chunk as Buffer);
        guard.close();
        const opened = await openFile(chunked(file, size), { fileName: 'book.xlsx' });
        let count = 0;
        for await (const batch of opened.batches) count += batch.length;
        expect(count).toBe(300);
      }
    },
  );

  it('refuses a record that is not an entry where one should begin', async () => {
    const book = await xlsxOf([['id'], ['1']]);
    // A CRX header in front, which unzipper would skip.
    const prefixed = Buffer.concat([Buffer.from('Cr24\x03\x00\x00\x00'), Buffer.alloc(8), book]);
    expect((await guardRun(prefixed, DEFAULT_ZIP_LIMITS)).error).toBe(
      'the XLSX file is refused: after 0 entries comes a record that is not a ZIP entry (signature 0x34327243)',
    );
  });

  it('refuses shared strings declared past the cap before inflating them', async () => {
    // 100 MiB of shared strings weigh ~100 KiB compressed.
    const bomb = await zipBombXlsx(100 * MIB);
    expect(bomb.length).toBeLessThan(MIB);
    expect((await refusal(bomb)).message).toBe(
      'the XLSX file is refused: its shared strings (xl/sharedStrings.xml) declares more than 32 MiB',
    );
    // Declared, so refused on the entry's header: the guard inflated none of it.
    const run = await guardRun(bomb, DEFAULT_ZIP_LIMITS);
    expect(run.passed).toBeLessThan(65_536);
  });

  it.each([
    ['descriptor', 'declares no size'],
    ['small', 'declares 1 KiB'],
  ] as const)(
    'counts the inflated bytes of shared strings that %s (%s), refusing at the cap',
    async (lie, _how) => {
      const bomb = await zipBombXlsx(100 * MIB, lie);
      expect((await refusal(bomb)).message).toBe(
        'the XLSX file is refused: its shared strings (xl/sharedStrings.xml) inflates to more than 32 MiB',
      );
      // The reader gets a chunk only after the guard inflated it: it stops within a chunk of the
      // cap, whose 64 KiB inflate to at most ~64 MiB (deflate's ratio is at most ~1,032).
      const run = await guardRun(bomb, DEFAULT_ZIP_LIMITS);
      expect(run.passed).toBeLessThan(bomb.length);
    },
  );

  it('refuses an archive inflating past the total cap, and one of too many entries', async () => {
    const limits = { maxEntries: 20, maxInflatedBytes: 8 * MIB, maxSharedStringsBytes: 64 * MIB };
    expect((await refusal(await zipBombXlsx(16 * MIB, 'descriptor'), limits)).message).toBe(
      'the XLSX file is refused: its contents inflate to more than 8 MiB',
    );
    expect((await refusal(await zipBombXlsx(16 * MIB), limits)).message).toBe(
      'the XLSX file is refused: its contents declare more than 8 MiB',
    );
    // A workbook's own five parts and 16 more.
    expect((await refusal(await manyEntriesXlsx(16), limits)).message).toBe(
      'the XLSX file is refused: it holds more than 20 entries',
    );
    expect(await read(await manyEntriesXlsx(15), { zipLimits: limits })).toHaveLength(1);
  });

  it('refuses a document type declaration: no entity is expanded or fetched', async () => {
    const dtd =
      'the XLSX file is refused: xl/worksheets/sheet1.xml declares a document type (<!DOCTYPE>), which a workbook never has: entity definitions and external entities are not read';
    expect((await refusal(await entityExpansionXlsx(['id', 'name']))).message).toBe(dtd);
    expect((await refusal(await externalEntityXlsx(['id', 'name'], '/etc/passwd'))).message).toBe(
      dtd,
    );
    // An image is not read: an SVG with its own DOCTYPE is no reason to refuse the workbook.
    const svg = Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>',
    );
    const withImage = await zipArchive(
      workbookParts(sheetXml([['id'], ['1']]), [{ name: 'xl/media/image1.svg', data: svg }]),
    );
    expect((await read(withImage)).map((r) => r.values)).toEqual([{ id: '1' }]);
  });

  it('reads spreadsheet columns named __proto__ and constructor as plain fields', async () => {
    const [record] = await read(
      await xlsxOf([
        ['__proto__', 'constructor', 'id'],
        ['x', 'y', '1'],
      ]),
    );
    expect(Object.getPrototypeOf(record!.values)).toBe(Object.prototype);
    expect(Object.entries(record!.values)).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
      ['id', '1'],
    ]);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});
