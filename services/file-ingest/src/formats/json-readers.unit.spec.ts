import { JsonArrayRowReader, readJsonArray } from './json-array-reader';
import { readNdjson } from './ndjson-reader';
import { type RawRecord, UnreadableFileError } from './record-reader';

async function* pieces(...texts: string[]) {
  yield* texts;
}

async function collect(batches: AsyncIterable<RawRecord[]>, into: RawRecord[] = []) {
  for await (const batch of batches) into.push(...batch);
  return into;
}

const json = (text: string, maxRowChars = 1_048_576) =>
  collect(readJsonArray(pieces(text), { maxRowChars }));
const ndjson = (text: string, maxRowChars = 1_048_576) =>
  collect(readNdjson(pieces(text), { maxRowChars }));

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableFileError);
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('JSON array reader', () => {
  // Elements are numbered from 1 in array order, whatever line they sit on.
  const text =
    '[\n  {"a": 1, "b": "x", "c": null, "d": true, "e": {"f": [1, 2]}},\n  5,\n  {"s": "a]b}\\"c{"},\n  [1]\n]\n';
  const expected: RawRecord[] = [
    {
      rowNumber: 1,
      values: { a: 1, b: 'x', c: null, d: true, e: '{"f":[1,2]}' },
      raw: '{"a":1,"b":"x","c":null,"d":true,"e":{"f":[1,2]}}',
    },
    { rowNumber: 2, values: {}, raw: '5', error: 'row is a JSON number, not an object' },
    { rowNumber: 3, values: { s: 'a]b}"c{' }, raw: '{"s":"a]b}\\"c{"}' },
    { rowNumber: 4, values: {}, raw: '[1]', error: 'row is a JSON array, not an object' },
  ];

  it('reads each element; one that is not an object becomes a record with an error', async () => {
    expect(await json(text)).toEqual(expected);
  });

  it('gives the same records when the text arrives one character at a time', () => {
    const reader = new JsonArrayRowReader({ maxRowChars: 1_000 });
    const records: RawRecord[] = [];
    for (const char of text) records.push(...reader.push(char));
    records.push(...reader.end());
    expect(records).toEqual(expected);
  });

  it('reads an empty array as no records', async () => {
    expect(await json(' [ ] ')).toEqual([]);
  });

  it('refuses a top-level value that is not an array', async () => {
    expect((await failure(json('{"a": 1}'))).message).toBe(
      'a JSON file must hold an array of objects; this one holds an object (one object per line is NDJSON: name the file .ndjson)',
    );
    expect((await failure(json('"text"'))).message).toBe(
      'a JSON file must hold an array of objects',
    );
  });

  it('fails on a syntax error mid-file, after yielding the rows before it', async () => {
    const records: RawRecord[] = [];
    const error = await failure(
      collect(readJsonArray(pieces('[{"a":1},\n{"a":2,}]'), { maxRowChars: 100 }), records),
    );
    expect(records).toEqual([{ rowNumber: 1, values: { a: 1 }, raw: '{"a":1}' }]);
    expect(error.message).toMatch(/^the JSON is invalid in row 2 \(from line 2\): /);
  });

  it('fails on a trailing comma, on text after the array and on a truncated file', async () => {
    expect((await failure(json('[{"a":1},]'))).message).toBe(
      'the JSON is invalid at line 1: a "]" follows a ","',
    );
    expect((await failure(json('[{"a":1}]\n]'))).message).toBe(
      'the JSON is invalid at line 2: unexpected text after the closing "]"',
    );
    expect((await failure(json('[{"a":1} {"a":2}]'))).message).toBe(
      'the JSON is invalid at line 1: expected "," or "]" after row 1',
    );
    expect((await failure(json('[{"a":1},{"a"'))).message).toBe(
      'the JSON ends before its array is closed, after row 1: the file is truncated',
    );
  });

  it('refuses an element longer than the limit', async () => {
    expect((await failure(json(`[{"a":1},{"b":"${'x'.repeat(50)}"}]`, 40))).message).toBe(
      'row 2 is longer than 40 characters',
    );
  });
});

describe('NDJSON reader', () => {
  it('reads one object per line; blank lines are skipped but counted, bad lines become records with an error', async () => {
    const records = await ndjson('{"a":1}\n\n  \nnot json\n[1]\r\n{"b":{"c":2},"d":"x"}');
    expect(records).toEqual([
      { rowNumber: 1, values: { a: 1 }, raw: '{"a":1}' },
      {
        rowNumber: 4,
        values: {},
        raw: 'not json',
        error: expect.stringMatching(/^line is not valid JSON: /),
      },
      { rowNumber: 5, values: {}, raw: '[1]', error: 'line is a JSON array, not an object' },
      { rowNumber: 6, values: { b: '{"c":2}', d: 'x' }, raw: '{"b":{"c":2},"d":"x"}' },
    ]);
  });

  it('joins lines cut across pieces', async () => {
    expect(
      await collect(readNdjson(pieces('{"a":', '1}\r', '\n{"a"', ':2}\n'), { maxRowChars: 100 })),
    ).toEqual([
      { rowNumber: 1, values: { a: 1 }, raw: '{"a":1}' },
      { rowNumber: 2, values: { a: 2 }, raw: '{"a":2}' },
    ]);
  });

  it('refuses a line longer than the limit', async () => {
    expect((await failure(ndjson(`{"a":1}\n{"b":"${'x'.repeat(50)}"}\n`, 40))).message).toBe(
      'line 2 is longer than 40 characters',
    );
  });
});

describe('keys that name an object’s prototype', () => {
  it('stay plain fields in JSON and NDJSON, and no object gains a property', async () => {
    const row = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"a":1}';
    for (const records of [await json(`[${row}]`), await ndjson(`${row}\n`)]) {
      const values = records[0]!.values;
      expect(Object.keys(values)).toEqual(['__proto__', 'constructor', 'a']);
      expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
      expect(values['__proto__']).toBe('{"polluted":1}');
      expect(values['constructor']).toBe('{"prototype":{"polluted":2}}');
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
