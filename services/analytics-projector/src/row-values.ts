import { type TributaryCommon } from '@tributary/contracts';
import { TributaryError } from '@tributary/contracts';

/**
 * How event values become the values of a JSONEachRow line that ClickHouse 18.16 and the current
 * LTS both read exactly as the event states them — or, when a value cannot be held that way, a
 * non-retriable error that sends the event to the DLQ with the field named (a value silently
 * stored as something else is worse than a dead letter someone can look at).
 */

/** The event holds a value its column cannot hold; the event is dead-lettered with this reason. */
export class UnprojectableValueError extends TributaryError {
  constructor(code: 'PROJECTION.OUT_OF_RANGE' | 'PROJECTION.NOT_FINITE', message: string) {
    super(code, message, { retriable: false });
  }
}

/**
 * Text written into the JSON line as it is (JSON.rawJSON, Node ≥ 21): a number JavaScript cannot
 * hold exactly (a Decimal(18,4), a UInt64 past 2^53). 18.16 refuses a quoted decimal in
 * JSONEachRow ("expected , before: "12.3400""), and a JS number would round past 15 digits.
 */
export type ExactNumber = { readonly rawJSON: string };

const rawJSON = (JSON as unknown as { rawJSON(text: string): ExactNumber }).rawJSON;

// 18.16 holds dates and times from 1970 to early 2106 and stores anything outside as 0000-00-00
// without a word. The platform's `ch.date` and `ch.dateTime` literals (what the gateway filters
// with) stop at the end of 2105, so rows stay within what can be queried.
const FIRST_DAY = '1970-01-01';
const LAST_DAY = '2105-12-31';
const FIRST_MS = Date.UTC(1970, 0, 1);
const END_MS = Date.UTC(2106, 0, 1);

/**
 * A time for a DateTime('UTC') column as the Date itself (RowBinary writes its second), once it
 * is known to fit the column.
 */
export function instant(field: string, at: Date): Date {
  const ms = at.getTime();
  if (!(ms >= FIRST_MS && ms < END_MS)) {
    throw new UnprojectableValueError(
      'PROJECTION.OUT_OF_RANGE',
      `${field}: ${Number.isNaN(ms) ? 'invalid date' : at.toISOString()} is outside ClickHouse DateTime's range (${FIRST_DAY} to ${LAST_DAY})`,
    );
  }
  return at;
}

/** `YYYY-MM-DD hh:mm:ss`, UTC, for a DateTime('UTC') column; milliseconds are dropped (floor). */
export function dateTime(field: string, at: Date): string {
  return formatSecond(instant(field, at).getTime());
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
/** The last second formatted: the rows of one file share their ingestion second. */
let lastSecond = Number.NaN;
let lastText = '';

// By hand rather than toISOString().slice().replace(): about 3× faster, and it runs on every row.
function formatSecond(ms: number): string {
  const second = ms - (ms % 1000);
  if (second === lastSecond) return lastText;
  const d = new Date(second);
  lastText =
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  lastSecond = second;
  return lastText;
}

/** A calendar day (the contracts' `YYYY-MM-DD` string) for a Date column. */
export function date(field: string, day: string): string {
  // Fixed-width ISO days compare as text; the codec has already refused impossible days.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day < FIRST_DAY || day > LAST_DAY) {
    throw new UnprojectableValueError(
      'PROJECTION.OUT_OF_RANGE',
      `${field}: ${JSON.stringify(day)} is outside ClickHouse Date's range (${FIRST_DAY} to ${LAST_DAY})`,
    );
  }
  return day;
}

export function nullableDateTime(field: string, at: Date | null): string | null {
  return at === null ? null : dateTime(field, at);
}

export function nullableDate(field: string, day: string | null): string | null {
  return day === null ? null : date(field, day);
}

/** A double for a Float64 column: JSON has no NaN or Infinity (JSON.stringify writes null). */
export function finite(field: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw new UnprojectableValueError(
      'PROJECTION.NOT_FINITE',
      `${field}: ${String(value)} is not a finite number`,
    );
  }
  return value;
}

export function nullableFinite(field: string, value: number | null): number | null {
  return value === null ? null : finite(field, value);
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A decimal(18,4) string ('12.34', '-250.0000') as the exact number text of a Decimal(18,4)
 * column, normalised to four decimals: '12.3400'. Never passes through a double.
 */
export function money(field: string, value: string): ExactNumber {
  const match = DECIMAL.exec(value);
  const whole = match?.[2]?.replace(/^0+(?=\d)/, '') ?? '';
  const fraction = match?.[3] ?? '';
  if (!match || fraction.length > 4 || whole.length > 14) {
    throw new UnprojectableValueError(
      'PROJECTION.OUT_OF_RANGE',
      `${field}: ${JSON.stringify(value)} is not a Decimal(18,4)`,
    );
  }
  const digits = `${whole}.${fraction.padEnd(4, '0')}`;
  return rawJSON(match[1] === '-' && /[1-9]/.test(digits) ? `-${digits}` : digits);
}

export function nullableMoney(field: string, value: string | null): ExactNumber | null {
  return value === null ? null : money(field, value);
}

/** Rows of one source file past this number share the highest version (see `dimensionVersion`). */
export const MAX_VERSIONED_ROW = 2 ** 22 - 1;

/**
 * The version of a dimension row: the latest by (metadata.occurred_at, source.row_number) wins
 * in its ReplacingMergeTree. Packed into one UInt64 (18.16's version column takes no tuple) as
 * occurred_at in ms × 2^22 + row_number: ms until 2105 need 42 bits, leaving 22 for rows
 * (4,194,303; later rows of a larger file tie, and the last one inserted wins).
 */
export function dimensionVersion(metadata: TributaryCommon.EventMetadata): ExactNumber {
  dateTime('metadata.occurred_at', metadata.occurred_at);
  const row = Math.min(Math.max(0, metadata.source.row_number ?? 0), MAX_VERSIONED_ROW);
  const version = BigInt(metadata.occurred_at.getTime()) * 2n ** 22n + BigInt(row);
  return rawJSON(version.toString());
}

/** Where a fact or dimension row came from; every such table has these columns. */
export interface Provenance {
  event_id: string;
  source_kind: string;
  /** `metadata.source.reference`: the ingest job for file rows ('' when there is none). */
  job_id: string;
  /** 1-based row of the source file; 0 for events that do not come from a file row. */
  row_number: number;
  ingested_at: string;
}

export function provenance(metadata: TributaryCommon.EventMetadata): Provenance {
  const row = metadata.source.row_number;
  if (row !== null && row < 0) {
    throw new UnprojectableValueError(
      'PROJECTION.OUT_OF_RANGE',
      `metadata.source.row_number: ${row} is negative`,
    );
  }
  return {
    event_id: metadata.event_id,
    source_kind: metadata.source.kind,
    job_id: metadata.source.reference ?? '',
    row_number: row ?? 0,
    ingested_at: dateTime('metadata.ingested_at', metadata.ingested_at),
  };
}

/** Provenance plus what decides which version of a dimension wins. */
export interface DimensionProvenance extends Provenance {
  occurred_at: string;
  version: ExactNumber;
}

export function dimensionProvenance(metadata: TributaryCommon.EventMetadata): DimensionProvenance {
  // In the tables' column order (read-models' `datasetTableColumns`): the version columns first.
  return {
    occurred_at: dateTime('metadata.occurred_at', metadata.occurred_at),
    version: dimensionVersion(metadata),
    ...provenance(metadata),
  };
}
