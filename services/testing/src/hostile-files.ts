import { createDeflateRaw, crc32 } from 'node:zlib';

/**
 * Hostile spreadsheets for the attack tests, built at test time from a few lines (a zip bomb is
 * kilobytes that inflate to hundreds of megabytes: nothing that size is committed).
 */
export interface ZipPart {
  readonly name: string;
  /** The entry's bytes, or chunks of them produced as they are deflated (never all held). */
  readonly data: Buffer | (() => Iterable<Buffer>);
  /** Followed by a data descriptor: the local header then declares no sizes (as streaming writers do). */
  readonly descriptor?: boolean;
  /** What the headers claim the entry inflates to, when it should lie. */
  readonly declaredSize?: number;
}

async function deflate(
  chunks: Iterable<Buffer>,
): Promise<{ compressed: Buffer; crc: number; size: number }> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (b: Buffer) => out.push(b));
  const ended = new Promise<void>((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflater.write(chunk)) await new Promise((r) => deflater.once('drain', r));
  }
  deflater.end();
  await ended;
  return { compressed: Buffer.concat(out), crc, size };
}

/** A ZIP archive of deflated entries, with a central directory as any writer makes it. */
export async function zipArchive(parts: readonly ZipPart[]): Promise<Buffer> {
  const body: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const data = typeof part.data === 'function' ? part.data() : [part.data];
    const { compressed, crc, size } = await deflate(data);
    const declared = part.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(part.descriptor ? 0x0808 : 0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0x21, 10); // 1980-01-01
    local.writeUInt32LE(part.descriptor ? 0 : crc, 14);
    local.writeUInt32LE(part.descriptor ? 0 : compressed.length, 18);
    local.writeUInt32LE(part.descriptor ? 0 : declared, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const descriptor = Buffer.alloc(part.descriptor ? 16 : 0);
    if (part.descriptor) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(compressed.length, 8);
      descriptor.writeUInt32LE(declared >>> 0, 12);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(part.descriptor ? 0x0808 : 0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0x21, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(declared >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    body.push(local, name, compressed, descriptor);
    directory.push(central, name);
    offset += local.length + name.length + compressed.length + descriptor.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...body, directoryBytes, end]);
}

const xml = (text: string) =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${text}`);
const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A sheet's XML of inline-string rows; `prolog` goes before the root element (a DTD, say). */
export function sheetXml(rows: readonly (readonly string[])[], prolog = ''): Buffer {
  const cells = rows
    .map(
      (row, r) =>
        `<row r="${r + 1}">${row
          .map(
            (value, c) =>
              `<c r="${String.fromCharCode(65 + c)}${r + 1}" t="inlineStr"><is><t>${value}</t></is></c>`,
          )
          .join('')}</row>`,
    )
    .join('');
  return xml(`${prolog}<worksheet xmlns="${MAIN}"><sheetData>${cells}</sheetData></worksheet>`);
}

/**
 * The parts of a one-sheet workbook. Cell texts are written as given (escape them with `text`),
 * so a test can place an entity reference in a cell.
 */
export function workbookParts(sheet: Buffer, extra: readonly ZipPart[] = []): ZipPart[] {
  return [
    {
      name: '[Content_Types].xml',
      data: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: xml(
        `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    ...extra,
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ];
}

/** Text as a cell holds it in XML. */
export const text = escape;

/** A plain workbook of these rows (the first is the header). */
export const xlsxOf = (rows: readonly (readonly string[])[]): Promise<Buffer> =>
  zipArchive(workbookParts(sheetXml(rows.map((row) => row.map(escape)))));

/**
 * A zip bomb: a workbook whose shared strings inflate to `inflatedBytes` (about 1,000 times what it
 * weighs). `lie`: `descriptor` declares no sizes up front (a streaming writer's data descriptor),
 * `small` declares 1 KiB in every header.
 */
export function zipBombXlsx(
  inflatedBytes: number,
  lie: 'none' | 'descriptor' | 'small' = 'none',
): Promise<Buffer> {
  const item = Buffer.from('<si><t>a</t></si>');
  const block = Buffer.alloc(item.length * 65_536);
  for (let i = 0; i < 65_536; i++) item.copy(block, i * item.length);
  const head = xml(`<sst xmlns="${MAIN}">`);
  const blocks = Math.ceil(inflatedBytes / block.length);
  const strings: ZipPart = {
    name: 'xl/sharedStrings.xml',
    data: function* () {
      yield head;
      for (let i = 0; i < blocks; i++) yield block;
      yield Buffer.from('</sst>');
    },
    ...(lie === 'descriptor' ? { descriptor: true } : {}),
    ...(lie === 'small' ? { declaredSize: 1024 } : {}),
  };
  const sheet = xml(
    `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
  );
  return zipArchive(workbookParts(sheet, [strings]));
}

/** The classic "billion laughs": ten levels of entities, each ten of the one below. */
export function entityExpansionXlsx(header: readonly string[]): Promise<Buffer> {
  const levels = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i < 10; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  const dtd = `<!DOCTYPE worksheet [${levels.join('')}]>`;
  return zipArchive(workbookParts(sheetXml([header.map(escape), header.map(() => '&lol9;')], dtd)));
}

/** An external entity naming a file of the server (XXE). */
export function externalEntityXlsx(header: readonly string[], path: string): Promise<Buffer> {
  const dtd = `<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://${path}">]>`;
  return zipArchive(workbookParts(sheetXml([header.map(escape), header.map(() => '&xxe;')], dtd)));
}

/** A workbook with `count` extra (empty) entries besides its own. */
export function manyEntriesXlsx(count: number): Promise<Buffer> {
  const extra = Array.from({ length: count }, (_, i) => ({
    name: `xl/media/blank${i}.bin`,
    data: Buffer.alloc(0),
  }));
  return zipArchive(workbookParts(sheetXml([['a'], ['1']]), extra));
}
