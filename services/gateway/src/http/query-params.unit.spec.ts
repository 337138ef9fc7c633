import { z } from 'zod';
import { limitParam, numberParam } from './query-params';
import { nonFiniteNumbers, parseOrThrow } from './validation';
import { ProblemException } from './problem';

const query = z.strictObject({ min: numberParam('a bound', '1'), limit: limitParam() });

const problemsOf = (value: Record<string, string>): { path: string; message: string }[] => {
  try {
    parseOrThrow(query, value, 'query');
  } catch (error) {
    if (error instanceof ProblemException) return error.extras.errors ?? [];
    throw error;
  }
  return [];
};

describe('numbers in a query string', () => {
  it('reads plain decimals and exponent notation within ±1e15', () => {
    expect(parseOrThrow(query, { min: '-12.5', limit: '1000' }, 'query')).toEqual({
      min: -12.5,
      limit: 1000,
    });
    expect(parseOrThrow(query, { min: '2.55e1' }, 'query')).toEqual({ min: 25.5 });
    expect(parseOrThrow(query, { min: '-1e15' }, 'query')).toEqual({ min: -1e15 });
    expect(parseOrThrow(query, { min: '1e-15' }, 'query')).toEqual({ min: 1e-15 });
    expect(parseOrThrow(query, { min: '-0' }, 'query')).toEqual({ min: -0 });
  });

  it.each([
    '1e309',
    '-1e309',
    '9'.repeat(400),
    '1e16',
    '5e-324',
    '1e-16',
    'NaN',
    'Infinity',
    '0x10',
    '1_000',
    '',
  ])('refuses %s as a 400 naming the parameter', (value) => {
    expect(problemsOf({ min: value }).map((p) => p.path)).toEqual(['min']);
  });

  it.each(['0', '-1', '1001', '9'.repeat(400), '1e3', '1.5'])(
    'refuses limit=%s as a 400 naming limit',
    (value) => {
      expect(problemsOf({ limit: value }).map((p) => p.path)).toEqual(['limit']);
    },
  );

  it('finds every non-finite number a schema could still produce, by path', () => {
    expect(nonFiniteNumbers({ a: 1, b: [2, Infinity], c: { d: NaN }, e: 'x' })).toEqual([
      { path: 'b[1]', message: 'must be a finite number' },
      { path: 'c.d', message: 'must be a finite number' },
    ]);
    const lax = z.object({ n: z.string().transform(Number) });
    expect(() => parseOrThrow(lax, { n: '1e309' }, 'query')).toThrow(ProblemException);
    // Deep in an array of objects, as in a batch body, and named by its path.
    const batch = z.object({ items: z.array(z.object({ v: z.string().transform(Number) })) });
    expect(parseOrThrow(batch, { items: [{ v: '1' }, { v: '2' }] }, 'body')).toEqual({
      items: [{ v: 1 }, { v: 2 }],
    });
    let refused: unknown;
    try {
      parseOrThrow(batch, { items: [{ v: '1' }, { v: '-1e309' }] }, 'body');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ProblemException);
    expect((refused as ProblemException).extras.errors).toEqual([
      { path: 'items[1].v', message: 'must be a finite number' },
    ]);
  });
});
