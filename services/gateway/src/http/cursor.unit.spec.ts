import { ProblemException } from './problem';
import { decodeCursor, encodeCursor } from './cursor';

const isKey = (k: unknown): k is { n: number } => typeof (k as { n?: unknown })?.n === 'number';

function refusal(run: () => unknown): { detail: string; errors: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemException)
      return { detail: error.detail, errors: error.extras.errors };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('cursors', () => {
  it('give back the key they were made from, for the same filters', () => {
    const cursor = encodeCursor({ n: 42 }, { sensor_id: 's-1' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, { sensor_id: 's-1' }, isKey)).toEqual({ n: 42 });
  });

  it('are refused with other filters, and when forged', () => {
    const cursor = encodeCursor({ n: 42 }, { sensor_id: 's-1' });
    expect(refusal(() => decodeCursor(cursor, { sensor_id: 's-2' }, isKey))).toEqual({
      detail: 'cursor was issued for other filters; repeat the query from the first page',
      errors: [
        {
          path: 'cursor',
          message: 'was issued for other filters; repeat the query from the first page',
        },
      ],
    });
    expect(refusal(() => decodeCursor('not-base64-json', {}, isKey)).detail).toBe(
      'cursor is not a cursor this API issued',
    );
    const forged = Buffer.from(JSON.stringify({ k: { n: 'x' }, f: '' })).toString('base64url');
    expect(refusal(() => decodeCursor(forged, {}, isKey)).detail).toBe(
      'cursor is not a cursor this API issued',
    );
  });
});
