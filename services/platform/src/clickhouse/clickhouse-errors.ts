import { ClickHouseError } from '@clickhouse/client';
import { TributaryError } from '@tributary/contracts';

/**
 * Server error codes that retrying the same statement cannot fix: the statement or its data is
 * wrong (syntax, unknown table or column, type mismatch, unparseable value, query too large).
 * Everything else — network errors, timeouts, memory limits, too many parts — may pass.
 * Codes: ClickHouse's src/Common/ErrorCodes.cpp.
 */
const PERMANENT_CODES = new Set([
  '6', // CANNOT_PARSE_TEXT
  '16', // NO_SUCH_COLUMN_IN_TABLE
  '26', // CANNOT_PARSE_QUOTED_STRING
  '27', // CANNOT_PARSE_INPUT_ASSERTION_FAILED
  '36', // BAD_ARGUMENTS
  '38', // CANNOT_PARSE_DATE
  '41', // CANNOT_PARSE_DATETIME
  '43', // ILLEGAL_TYPE_OF_ARGUMENT
  '44', // ILLEGAL_COLUMN
  '47', // UNKNOWN_IDENTIFIER
  '53', // TYPE_MISMATCH
  '60', // UNKNOWN_TABLE
  '62', // SYNTAX_ERROR (also: the query text exceeds max_query_size)
  '69', // ARGUMENT_OUT_OF_BOUND
  '70', // CANNOT_CONVERT_TYPE
  '72', // CANNOT_PARSE_NUMBER
  '117', // INCORRECT_DATA
]);

/**
 * The server's error code of a failed call, whichever server answered. @clickhouse/client parses
 * it into a ClickHouseError only from the current message format (`Code: 60. DB::Exception: …
 * (UNKNOWN_TABLE)`); 18.16 writes `Code: 60, e.displayText() = DB::Exception: …`, which reaches
 * us as a plain Error with the code only in its message.
 */
export function clickHouseErrorCode(error: unknown): string | undefined {
  if (error instanceof ClickHouseError) return error.code;
  if (error instanceof Error) return /^Code: (\d+)[.,]/.exec(error.message)?.[1];
  return undefined;
}

/**
 * Server error codes that say "not now" rather than "not this": the server was too busy, too slow
 * or out of memory for the statement (TIMEOUT_EXCEEDED 159, TOO_SLOW 160,
 * TOO_MANY_SIMULTANEOUS_QUERIES 202, SOCKET_TIMEOUT 209, NETWORK_ERROR 210, MEMORY_LIMIT_EXCEEDED
 * 241, QUERY_WAS_CANCELLED 394).
 */
const UNAVAILABLE_CODES = new Set(['159', '160', '202', '209', '210', '241', '394']);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

/**
 * Whether a failed ClickHouse call means the server is unreachable, overloaded or did not answer
 * within the client's request timeout — a reader should answer "retry later" (503), not 500.
 */
export function isClickHouseUnavailable(error: unknown): boolean {
  const serverCode = clickHouseErrorCode(error);
  if (serverCode !== undefined) return UNAVAILABLE_CODES.has(serverCode);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE_SOCKET_CODES.has(code)) return true;
  // @clickhouse/client's own request timeout (`request_timeout`) is a plain Error.
  return error instanceof Error && error.message === 'Timeout error.';
}

/**
 * Server error codes of a read whose answer would pass the reading user's result limits
 * (`max_result_rows`/`max_result_bytes` with `result_overflow_mode = 'throw'`, the API user's
 * profile): TOO_MANY_ROWS 158, TOO_MANY_BYTES 307, TOO_MANY_ROWS_OR_BYTES 396.
 */
const RESULT_LIMIT_CODES = new Set(['158', '307', '396']);

/** Whether a read failed because its answer was too large for the user's limits: narrower, not later. */
export function isClickHouseResultTooLarge(error: unknown): boolean {
  const serverCode = clickHouseErrorCode(error);
  return serverCode !== undefined && RESULT_LIMIT_CODES.has(serverCode);
}

/** A statement ClickHouse refused for good; retrying it cannot succeed. */
export class ClickHouseStatementError extends TributaryError {
  constructor(
    readonly serverCode: string,
    message: string,
    cause: unknown,
  ) {
    super(`CLICKHOUSE.STATEMENT_REFUSED`, message, { retriable: false, cause });
  }
}

/**
 * The error a ClickHouse call failed with, as callers should see it: a permanent server error
 * becomes a non-retriable ClickHouseStatementError (so a consumer dead-letters or stops instead of
 * retrying forever); anything else is returned unchanged and counts as retriable.
 */
export function classifyClickHouseError(error: unknown): unknown {
  const serverCode = clickHouseErrorCode(error);
  if (serverCode !== undefined && PERMANENT_CODES.has(serverCode)) {
    const message = (error as Error).message;
    return new ClickHouseStatementError(serverCode, message.slice(0, 1_000), error);
  }
  return error;
}

/** Runs a ClickHouse call and rethrows its failure classified. */
export async function clickHouseCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw classifyClickHouseError(error);
  }
}
