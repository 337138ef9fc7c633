import { type RawRecord, type RawValue } from './record-reader';

/**
 * The most records handed over at once. Readers parse a piece of text synchronously and hand
 * its rows over together: one await per batch, since an await per row costs more than parsing it.
 */
export const BATCH_ROWS = 1_000;

/** Records in batches of at most BATCH_ROWS; nothing for no records. */
export function* inBatches(records: RawRecord[]): Generator<RawRecord[]> {
  if (records.length <= BATCH_ROWS) {
    if (records.length > 0) yield records;
    return;
  }
  for (let start = 0; start < records.length; start += BATCH_ROWS)
    yield records.slice(start, start + BATCH_ROWS);
}

/** The longest `raw` kept on a record: enough to show a person the row, bounded for rejections. */
export const RAW_LIMIT = 64 * 1024;

export const truncateRaw = (text: string): string =>
  text.length > RAW_LIMIT ? text.slice(0, RAW_LIMIT) : text;

/**
 * Sets a field on a plain object. A column may be called `__proto__`: plain assignment would
 * replace the object's prototype instead of adding a field.
 */
export function setField(target: Record<string, RawValue>, name: string, value: RawValue): void {
  if (name === '__proto__')
    Object.defineProperty(target, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else target[name] = value;
}

/** A JSON object's fields as raw values: primitives kept, nested arrays and objects as JSON text. */
export function jsonValues(object: Readonly<Record<string, unknown>>): Record<string, RawValue> {
  const values: Record<string, RawValue> = {};
  for (const [name, value] of Object.entries(object)) {
    setField(
      values,
      name,
      value === null ||
        typeof value === 'string' ||
        typeof value === 'number' ||
        typeof value === 'boolean'
        ? value
        : JSON.stringify(value),
    );
  }
  return values;
}

/** What a parsed JSON value is, in a person's words, for "row is a JSON array, not an object". */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
