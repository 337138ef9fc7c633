import { TributaryError } from '@tributary/contracts';

/**
 * A statement Postgres refused. `retriable` is false only when the refused rows themselves are
 * the cause (SQLSTATE class 22, data exception; class 23, integrity constraint violation): the
 * consumer then retries the chunk message by message and dead-letters the ones that still fail.
 * Everything else (connections, deadlocks, a missing table, an unknown code) is retried with
 * backoff: dead-lettering every event because of an outage or a broken deploy would lose the
 * directory, and the consumer's warnings name the error meanwhile.
 */
export class DirectoryWriteError extends TributaryError {
  constructor(
    readonly sqlState: string | undefined,
    message: string,
    options: { retriable: boolean; cause: unknown },
  ) {
    super(
      options.retriable ? 'DIRECTORY.WRITE_FAILED' : 'DIRECTORY.WRITE_REFUSED',
      message,
      options,
    );
  }
}

/** SQLSTATE of a pg error, directly or wrapped by TypeORM's QueryFailedError. */
export function sqlStateOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export function classifyPostgresError(error: unknown, what: string): DirectoryWriteError {
  const sqlState = sqlStateOf(error);
  const refused = sqlState !== undefined && /^2[23]/.test(sqlState);
  const reason = error instanceof Error ? error.message : String(error);
  return new DirectoryWriteError(
    sqlState,
    `${what}: ${reason}${sqlState ? ` (SQLSTATE ${sqlState})` : ''}`,
    { retriable: !refused, cause: error },
  );
}

/** Postgres text cannot hold NUL (U+0000); a NUL in an event's text is dropped, not fatal. */
export const pgText = (value: string): string =>
  value.includes('\u0000') ? value.replace(/\u0000/g, '') : value;
