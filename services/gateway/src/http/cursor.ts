import { createHash } from 'node:crypto';
import { ProblemException } from './problem';

/**
 * Opaque keyset cursors: the last item's sort key and a fingerprint of the filters it was issued
 * for, base64url-encoded. A cursor used with other filters would skip or repeat rows, so it is
 * refused instead.
 */
export function encodeCursor(key: unknown, filters: unknown): string {
  return Buffer.from(JSON.stringify({ k: key, f: fingerprint(filters) })).toString('base64url');
}

export function decodeCursor<K>(
  cursor: string,
  filters: unknown,
  isKey: (k: unknown) => k is K,
): K {
  let parsed: { k?: unknown; f?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    throw invalid('is not a cursor this API issued');
  }
  if (typeof parsed !== 'object' || parsed === null || !isKey(parsed.k)) {
    throw invalid('is not a cursor this API issued');
  }
  if (parsed.f !== fingerprint(filters)) {
    throw invalid('was issued for other filters; repeat the query from the first page');
  }
  return parsed.k;
}

const fingerprint = (filters: unknown): string =>
  createHash('sha256').update(JSON.stringify(filters)).digest('base64url').slice(0, 16);

const invalid = (message: string) =>
  new ProblemException('validation-failed', `cursor ${message}`, {
    errors: [{ path: 'cursor', message }],
  });
