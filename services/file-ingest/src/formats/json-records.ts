import { pipeline, Readable } from 'node:stream';
import { parser } from 'stream-json';
import { streamArray } from 'stream-json/streamers/StreamArray';
import { batchesOf } from './batches';
import { type RawRecord, type RawValue, UnreadableFileError } from './record-reader';

const RAW_LIMIT = 64 * 1024;

function truncate(text: string): string {
  return text.length > RAW_LIMIT ? text.slice(0, RAW_LIMIT) : text;
}

/** An object's fields as cells: scalars kept, nested arrays and objects as their JSON text. */
function toRecord(rowNumber: number, value: unknown, raw: string): RawRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { rowNumber, values: {}, raw, error: 'is not a JSON object' };
  const values: Record<string, RawValue> = {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    values[key] =
      field === null || ['string', 'number', 'boolean'].includes(typeof field)
        ? (field as RawValue)
        : JSON.stringify(field);
  }
  return { rowNumber, values, raw };
}

/** NDJSON (JSON Lines): one object per line; blank lines skipped; a bad line is a record with an error. */
export async function* ndjsonRecords(text: AsyncIterable<string>): AsyncGenerator<RawRecord[]> {
  let rowNumber = 0;
  let partial = '';
  const recordOf = (line: string): RawRecord | undefined => {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') return undefined;
    rowNumber++;
    try {
      return toRecord(rowNumber, JSON.parse(line), truncate(line));
    } catch (error) {
      return {
        rowNumber,
        values: {},
        raw: truncate(line),
        error: `is not valid JSON: ${(error as Error).message}`,
      };
    }
  };
  for await (const chunk of text) {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    const records = lines.flatMap((line) => recordOf(line) ?? []);
    if (records.length > 0) yield records;
  }
  const last = recordOf(partial);
  if (last) yield [last];
}

/** A JSON array of objects, one element at a time (stream-json), never parsed whole. */
export async function* jsonArrayRecords(text: AsyncIterable<string>): AsyncGenerator<RawRecord[]> {
  const source = Readable.from(text, { objectMode: false });
  const elements = streamArray();
  pipeline(source, parser(), elements, () => undefined);
  let rowNumber = 0;
  try {
    for await (const batch of batchesOf<{ key: number; value: unknown }>(elements)) {
      yield batch.map(({ value }) => toRecord(++rowNumber, value, truncate(JSON.stringify(value))));
    }
  } catch (error) {
    const message = (error as Error).message;
    if (/top-level object should be an array/i.test(message))
      throw new UnreadableFileError('a JSON file must hold an array of objects', { cause: error });
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(
      `the JSON is malformed after row ${rowNumber}: ${message.replace(/^Parser cannot parse input: /, '')}`,
      { cause: error },
    );
  } finally {
    source.destroy();
    elements.destroy();
  }
}
