import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { TributaryError } from '@tributary/contracts';

/**
 * Rows as ClickHouse's RowBinary format: each row's columns in order, little-endian, no names, no
 * text to parse. The server spends about 1 µs a row reading it against 1.6–1.75 µs for
 * JSONEachRow (issue 15), and it reads the same on 18.16 and current ClickHouse.
 *
 * The rows are the objects the projectors build for JSONEachRow, so both formats take one row
 * builder: dates as `YYYY-MM-DD`, times as `YYYY-MM-DD hh:mm:ss` UTC text, decimals and 64-bit
 * integers as exact number text (`JSON.rawJSON`), decimal strings or numbers. A value its column
 * cannot hold exactly is refused with the table, column and row named — the text formats would
 * have had the server refuse it, and a binary format must not store something else instead.
 */

/** A column as `system.columns` names it: `{ name: 'amount', type: 'Decimal(18, 4)' }`. */
export interface RowBinaryColumn {
  readonly name: string;
  readonly type: string;
}

/** A row's value does not fit its column; the insert is refused before anything is sent. */
export class RowBinaryValueError extends TributaryError {
  constructor(message: string) {
    super('CLICKHOUSE.UNENCODABLE_VALUE', message, { retriable: false });
  }
}

/** A column type this encoder does not write (a programming error, found at construction). */
export class RowBinaryTypeError extends TributaryError {
  constructor(message: string) {
    super('CLICKHOUSE.UNSUPPORTED_TYPE', message, { retriable: false });
  }
}

/** Thrown by a column writer; the encoder adds the table, column and row. */
class ValueProblem extends Error {}

/**
 * One growing buffer for a whole insert: values are written in place, never as a Buffer each.
 * Grows by doubling, so a 50k-row insert reallocates a handful of times at most.
 */
class ByteSink {
  buf: Buffer;
  pos = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  reserve(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Unsigned LEB128, RowBinary's length prefix of strings and arrays. */
  varUInt(n: number): void {
    this.reserve(10);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 128) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
  }
}

type ColumnWriter = (sink: ByteSink, value: unknown) => void;

const TWO_32 = 2 ** 32;

/** A 64-bit integer from a JS number within ±2^53 (exact: division by 2^32 is exact there). */
function writeInt64Number(sink: ByteSink, n: number): void {
  sink.reserve(8);
  sink.buf.writeUInt32LE(((n % TWO_32) + TWO_32) % TWO_32, sink.pos);
  sink.buf.writeInt32LE(Math.floor(n / TWO_32), sink.pos + 4);
  sink.pos += 8;
}

const shown = (value: unknown): string =>
  typeof value === 'string'
    ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
    : typeof value === 'bigint'
      ? `${value}n`
      : typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (exactText(value) ?? 'an object')
        : String(value);

/** The text of a `JSON.rawJSON` number (row-values' ExactNumber), or undefined. */
function exactText(value: object): string | undefined {
  const text = (value as { rawJSON?: unknown }).rawJSON;
  return typeof text === 'string' ? text : undefined;
}

const INTEGER_TEXT = /^-?\d+$/;

/**
 * An integer value: a safe-integer number, a bigint, or exact integer text (`JSON.rawJSON`, as
 * row-values writes a UInt64 version). Text and numbers past 2^53 come back as bigint.
 */
function integerOf(value: unknown): number | bigint {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return value;
    throw new ValueProblem(`${shown(value)} is not a whole number within ±2^53`);
  }
  if (typeof value === 'bigint') return value;
  if (typeof value === 'object' && value !== null) {
    const text = exactText(value);
    if (text !== undefined && INTEGER_TEXT.test(text)) {
      return text.length <= 15 ? Number(text) : BigInt(text);
    }
  }
  throw new ValueProblem(`${shown(value)} is not an integer`);
}

function integerWriter(bits: 8 | 16 | 32 | 64, signed: boolean): ColumnWriter {
  const bytes = bits / 8;
  const min = signed ? -(2n ** BigInt(bits - 1)) : 0n;
  const max = signed ? 2n ** BigInt(bits - 1) - 1n : 2n ** BigInt(bits) - 1n;
  const [minN, maxN] = [Number(min), Number(max)];
  const outOfRange = (v: number | bigint) =>
    new ValueProblem(`${shown(v)} is outside ${signed ? '' : 'U'}Int${bits} (${min} to ${max})`);
  if (bits === 64) {
    return (sink, value) => {
      const v = integerOf(value);
      if (typeof v === 'number') {
        if (v < minN) throw outOfRange(v);
        writeInt64Number(sink, v);
        return;
      }
      if (v < min || v > max) throw outOfRange(v);
      sink.reserve(8);
      if (signed) sink.buf.writeBigInt64LE(v, sink.pos);
      else sink.buf.writeBigUInt64LE(v, sink.pos);
      sink.pos += 8;
    };
  }
  return (sink, value) => {
    const v = integerOf(value);
    if (typeof v === 'bigint' || v < minN || v > maxN) throw outOfRange(v);
    sink.reserve(bytes);
    if (signed) sink.buf.writeIntLE(v, sink.pos, bytes);
    else sink.buf.writeUIntLE(v, sink.pos, bytes);
    sink.pos += bytes;
  };
}

function floatWriter(bits: 32 | 64): ColumnWriter {
  return (sink, value) => {
    // NaN and ±Infinity are refused, as JSON (which has neither) refused them before.
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ValueProblem(`${shown(value)} is not a finite number`);
    }
    if (bits === 64) {
      sink.reserve(8);
      sink.buf.writeDoubleLE(value, sink.pos);
      sink.pos += 8;
    } else {
      sink.reserve(4);
      sink.buf.writeFloatLE(value, sink.pos);
      sink.pos += 4;
    }
  };
}

const writeString: ColumnWriter = (sink, value) => {
  if (typeof value !== 'string') throw new ValueProblem(`${shown(value)} is not a string`);
  const length = value.length;
  // Most values are short ASCII (ids, codes, times): copied here byte by byte, which costs less
  // than a call into Buffer.write for each.
  if (length < 128) {
    sink.reserve(1 + length);
    const { buf } = sink;
    const start = sink.pos + 1;
    let i = 0;
    for (; i < length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) break;
      buf[start + i] = c;
    }
    if (i === length) {
      buf[sink.pos] = length;
      sink.pos = start + length;
      return;
    }
  }
  // UTF-8 cannot hold a lone surrogate; Buffer.write would store U+FFFD in its place.
  if (!value.isWellFormed()) throw new ValueProblem('the string has a lone UTF-16 surrogate');
  // A UTF-16 unit is at most 3 UTF-8 bytes: up to 42 units fit a one-byte length, so the text
  // is written once, straight after the length, without measuring it first.
  if (length <= 42) {
    sink.reserve(1 + value.length * 3);
    const written = sink.buf.write(value, sink.pos + 1);
    sink.buf[sink.pos] = written;
    sink.pos += 1 + written;
    return;
  }
  const bytes = Buffer.byteLength(value);
  sink.varUInt(bytes);
  sink.reserve(bytes);
  sink.pos += sink.buf.write(value, sink.pos);
};

const DAY_MS = 86_400_000;

/** Parses `YYYY-MM-DD` into days since 1970-01-01, or NaN when it is not a calendar date. */
function daysOf(text: string, from: number): number {
  let y = 0;
  for (let i = from; i < from + 4; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return Number.NaN;
    y = y * 10 + d;
  }
  // Date.UTC reads years 0–99 as 1900–1999; nothing before 1970 fits a Date column anyway.
  if (y < 1970) return Number.NaN;
  const m = twoDigits(text, from + 5);
  const d = twoDigits(text, from + 8);
  if (text.charCodeAt(from + 4) !== 45 || text.charCodeAt(from + 7) !== 45) return Number.NaN;
  const ms = Date.UTC(y, m - 1, d);
  // Date.UTC rolls 2026-02-30 over to March; a real date round-trips.
  const check = new Date(ms);
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return Number.NaN;
  return ms / DAY_MS;
}

function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

/**
 * Dates and times are held to 1970-01-01 … 2105-12-31 (as row-values holds the rows): 18.16
 * stores later values but prints and compares them wrapped around to 1970 (2106-02-07 06:28:15
 * reads back as 1970-01-01 06:28:15), so a value past 2105 would not read as it was written.
 */
const LAST_DAY = Date.UTC(2105, 11, 31) / DAY_MS;
const END_SECOND = Date.UTC(2106, 0, 1) / 1000;

const writeDate: ColumnWriter = (sink, value) => {
  const days = typeof value === 'string' && value.length === 10 ? daysOf(value, 0) : Number.NaN;
  if (!(days >= 0 && days <= LAST_DAY)) {
    throw new ValueProblem(`${shown(value)} is not a date as YYYY-MM-DD from 1970 to 2105`);
  }
  sink.reserve(2);
  sink.buf.writeUInt16LE(days, sink.pos);
  sink.pos += 2;
};

/** `YYYY-MM-DD hh:mm:ss` (UTC) in seconds since the epoch, or NaN. */
function secondsOf(text: string): number {
  if (text.length !== 19 || text.charCodeAt(10) !== 32) return Number.NaN;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return Number.NaN;
  const h = twoDigits(text, 11);
  const m = twoDigits(text, 14);
  const s = twoDigits(text, 17);
  if (!(h < 24 && m < 60 && s < 60)) return Number.NaN;
  return daysOf(text, 0) * 86_400 + h * 3_600 + m * 60 + s;
}

/**
 * DateTime('UTC'), from a `Date` (its second, milliseconds dropped) or from UTC text: a Date costs
 * nothing to convert, where formatting a reading's time as text and parsing it back here was a
 * tenth of the projector's CPU. Of text, the last is kept: the rows of one file share their
 * ingestion second.
 */
function dateTimeWriter(): ColumnWriter {
  let known = false;
  let lastText = '';
  let lastSeconds = 0;
  return (sink, value) => {
    if (value instanceof Date) {
      const seconds = Math.floor(value.getTime() / 1000);
      if (!(seconds >= 0 && seconds < END_SECOND)) {
        const at = Number.isNaN(value.getTime()) ? 'an invalid Date' : value.toISOString();
        throw new ValueProblem(`${at} is not a time from 1970 to 2105`);
      }
      sink.reserve(4);
      sink.buf.writeUInt32LE(seconds, sink.pos);
      sink.pos += 4;
      return;
    }
    if (!(known && value === lastText)) {
      const seconds = typeof value === 'string' ? secondsOf(value) : Number.NaN;
      if (!(seconds >= 0 && seconds < END_SECOND)) {
        throw new ValueProblem(
          `${shown(value)} is not a UTC time as YYYY-MM-DD hh:mm:ss from 1970 to 2105`,
        );
      }
      lastText = value as string;
      lastSeconds = seconds;
      known = true;
    }
    sink.reserve(4);
    sink.buf.writeUInt32LE(lastSeconds, sink.pos);
    sink.pos += 4;
  };
}

/**
 * Decimal(P, S) as the integer value × 10^S, converted from the decimal text digit by digit (a
 * double would round past 15 digits). Refused: more than S decimals (no rounding), more than
 * P − S whole digits. Values come as exact text (`JSON.rawJSON`), a decimal string, or a number,
 * taken as the text JavaScript prints for it (0.1 is 0.1, as in a JSON line).
 */
function decimalWriter(precision: number, scale: number): ColumnWriter {
  const bytes = precision <= 9 ? 4 : 8;
  const maxWhole = precision - scale;
  const type = `Decimal(${precision}, ${scale})`;
  return (sink, value) => {
    const text =
      typeof value === 'string'
        ? value
        : typeof value === 'number' && Number.isFinite(value)
          ? String(value)
          : typeof value === 'object' && value !== null
            ? exactText(value)
            : undefined;
    if (text === undefined) throw new ValueProblem(`${shown(value)} is not a decimal`);
    const negative = text.charCodeAt(0) === 45;
    let units = 0;
    let whole = 0; // whole digits past leading zeros
    let fraction = -1; // digits after the point; -1 before it
    let digits = 0;
    for (let i = negative ? 1 : 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 46 && fraction < 0 && digits > 0) {
        fraction = 0;
        continue;
      }
      const d = c - 48;
      if (!(d >= 0 && d <= 9)) throw new ValueProblem(`${shown(value)} is not a decimal`);
      digits++;
      if (fraction >= 0) fraction++;
      else if (whole > 0 || d !== 0) whole++;
      units = units * 10 + d;
    }
    if (digits === 0 || fraction === 0) {
      throw new ValueProblem(`${shown(value)} is not a decimal`);
    }
    if (fraction > scale || whole > maxWhole) {
      throw new ValueProblem(
        `${shown(value)} does not fit ${type} (at most ${maxWhole} whole digits and ${scale} decimals)`,
      );
    }
    const pad = scale - Math.max(0, fraction);
    sink.reserve(bytes);
    if (whole + scale <= 15) {
      // Below 10^15 the running number is exact.
      const scaled = units * 10 ** pad;
      const signed = negative ? -scaled : scaled;
      if (bytes === 4) sink.buf.writeInt32LE(signed, sink.pos);
      else return writeInt64Number(sink, signed === 0 ? 0 : signed);
      sink.pos += 4;
      return;
    }
    const digitsOnly = (negative ? text.slice(1) : text).replace('.', '');
    const big = BigInt(digitsOnly) * 10n ** BigInt(pad);
    sink.buf.writeBigInt64LE(negative ? -big : big, sink.pos);
    sink.pos += 8;
  };
}

function nullableWriter(inner: ColumnWriter): ColumnWriter {
  return (sink, value) => {
    sink.reserve(1);
    if (value === null) {
      sink.buf[sink.pos++] = 1;
      return;
    }
    sink.buf[sink.pos++] = 0;
    inner(sink, value);
  };
}

function arrayWriter(inner: ColumnWriter): ColumnWriter {
  return (sink, value) => {
    if (!Array.isArray(value)) throw new ValueProblem(`${shown(value)} is not an array`);
    sink.varUInt(value.length);
    for (let i = 0; i < value.length; i++) {
      try {
        inner(sink, value[i]);
      } catch (problem) {
        if (problem instanceof ValueProblem) {
          throw new ValueProblem(`element ${i}: ${problem.message}`);
        }
        throw problem;
      }
    }
  };
}

const SCALAR_WRITERS: Readonly<Record<string, () => ColumnWriter>> = {
  String: () => writeString,
  Float64: () => floatWriter(64),
  Float32: () => floatWriter(32),
  Int8: () => integerWriter(8, true),
  Int16: () => integerWriter(16, true),
  Int32: () => integerWriter(32, true),
  Int64: () => integerWriter(64, true),
  UInt8: () => integerWriter(8, false),
  UInt16: () => integerWriter(16, false),
  UInt32: () => integerWriter(32, false),
  UInt64: () => integerWriter(64, false),
  Date: () => writeDate,
  // Only UTC: the rows carry UTC text or instants, and a DateTime in another zone (or the
  // server's) would read that text as local time in a text format but as UTC here.
  "DateTime('UTC')": dateTimeWriter,
};

/** The writer of a ClickHouse type as `system.columns` names it. */
function writerOf(type: string): ColumnWriter {
  const scalar = SCALAR_WRITERS[type];
  if (scalar) return scalar();
  const wrapped = /^(Nullable|Array)\((.+)\)$/.exec(type);
  if (wrapped) {
    const inner = writerOf(wrapped[2]!);
    return wrapped[1] === 'Nullable' ? nullableWriter(inner) : arrayWriter(inner);
  }
  const decimal = /^Decimal\((\d+), ?(\d+)\)$/.exec(type);
  if (decimal) {
    const [precision, scale] = [Number(decimal[1]), Number(decimal[2])];
    // Past 18 digits a Decimal is an Int128, which the projectors never insert (only rollups).
    if (precision >= 1 && precision <= 18 && scale <= precision) {
      return decimalWriter(precision, scale);
    }
  }
  throw new RowBinaryTypeError(`RowBinary: column type ${type} is not supported`);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new RowBinaryTypeError(`${JSON.stringify(name)} is not a name`);
  return `\`${name}\``;
}

/** Encodes rows of one table, in the order of its columns; made once per table. */
export class RowBinaryEncoder {
  /** `INSERT INTO `t` (`a`, `b`) FORMAT RowBinary`: the values follow in the request body. */
  readonly statement: string;
  private readonly names: readonly string[];
  private readonly writers: readonly ColumnWriter[];

  constructor(
    readonly table: string,
    columns: readonly RowBinaryColumn[],
  ) {
    if (columns.length === 0) throw new RowBinaryTypeError(`${table}: no columns`);
    this.names = columns.map((c) => c.name);
    this.writers = columns.map((c) => writerOf(c.type));
    this.statement =
      `INSERT INTO ${table.split('.').map(identifier).join('.')} ` +
      `(${this.names.map(identifier).join(', ')}) FORMAT RowBinary`;
  }

  /**
   * The rows as one RowBinary buffer. Throws RowBinaryValueError, naming the table, column and
   * row (0-based, with its event_id when it has one), for a value its column cannot hold.
   */
  encode(rows: readonly object[]): Buffer {
    const { names, writers } = this;
    const sink = new ByteSink(Math.max(4_096, rows.length * names.length * 12));
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as Readonly<Record<string, unknown>>;
      for (let c = 0; c < writers.length; c++) {
        try {
          const value = row[names[c]!];
          // JSONEachRow let a missing key take the column's default; here it is a mistake.
          if (value === undefined) throw new ValueProblem('the row has no value for it');
          writers[c]!(sink, value);
        } catch (problem) {
          if (!(problem instanceof ValueProblem)) throw problem;
          const id = typeof row.event_id === 'string' ? `, event_id ${row.event_id}` : '';
          throw new RowBinaryValueError(
            `${this.table}.${names[c]}, row ${r} of ${rows.length}${id}: ${problem.message}`,
          );
        }
      }
    }
    return sink.buf.subarray(0, sink.pos);
  }
}

const encoders = new WeakMap<readonly RowBinaryColumn[], Map<string, RowBinaryEncoder>>();

/** The encoder of `table` with `columns`, made once per column list (keep the list a constant). */
export function rowBinaryEncoder(
  table: string,
  columns: readonly RowBinaryColumn[],
): RowBinaryEncoder {
  let byTable = encoders.get(columns);
  if (!byTable) encoders.set(columns, (byTable = new Map()));
  let encoder = byTable.get(table);
  if (!encoder) byTable.set(table, (encoder = new RowBinaryEncoder(table, columns)));
  return encoder;
}

/** What `insertRowBinary` needs of @clickhouse/client's ClickHouseClient (and chDB's stand-in). */
export interface RowBinaryClient {
  exec(params: { query: string; values: Readable }): Promise<{ stream: Readable }>;
}

/**
 * Inserts `rows` into `table` as RowBinary: encoded whole first (a bad value refuses the insert
 * before anything is sent), then streamed as the body of `exec`. Errors are the client's and
 * RowBinaryValueError; wrap the call in `clickHouseCall` to classify the server's.
 */
export async function insertRowBinary(
  client: RowBinaryClient,
  table: string,
  columns: readonly RowBinaryColumn[],
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return;
  const encoder = rowBinaryEncoder(table, columns);
  const body = encoder.encode(rows);
  const result = await client.exec({
    query: encoder.statement,
    values: Readable.from([body], { objectMode: false }),
  });
  // An insert answers with an empty body; reading it to the end returns the socket to the
  // keep-alive pool instead of leaving it half-read.
  await finished(result.stream.resume());
}
