import { type RawValue } from '../formats/record-reader';

/** A cell turned into what the event field holds, or the reason it cannot be. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Turns a cell into a field value; `null` means the cell was empty. */
export type FieldParser<T> = (value: RawValue) => Parsed<T | null>;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

/** How a bad value is quoted in a reason: enough to recognise it, never a 64 KiB dump. */
export function quote(value: RawValue): string {
  const text = value instanceof Date ? value.toISOString() : String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

const isEmpty = (value: RawValue): boolean =>
  value === null || (typeof value === 'string' && value.trim() === '');

export function text(maxLength: number): FieldParser<string> {
  return (value) => {
    if (isEmpty(value)) return ok(null);
    const out = value instanceof Date ? value.toISOString() : String(value).trim();
    return out.length > maxLength ? fail(`must be at most ${maxLength} characters`) : ok(out);
  };
}

/** An identifier: printable, no surrounding spaces, at most 128 characters. */
export const identifier: FieldParser<string> = (value) => {
  const parsed = text(128)(value);
  if (!parsed.ok || parsed.value === null) return parsed;
  return /[\u0000-\u001f\u007f]/.test(parsed.value)
    ? fail('must not contain control characters')
    : parsed;
};

/**
 * A plain decimal number: `12`, `-3.5`, `1e3`. A comma decimal separator (`12,5`) is refused
 * rather than guessed, since `1,234` means a thousand in one locale and one in another.
 */
export const number: FieldParser<number> = (value) => {
  if (isEmpty(value)) return ok(null);
  if (typeof value === 'number') return Number.isFinite(value) ? ok(value) : fail('must be finite');
  if (typeof value !== 'string') return fail(`must be a number, got ${quote(value)}`);
  const trimmed = value.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed))
    return fail(`must be a number, got ${quote(value)}`);
  const parsed = Number(trimmed);
  return Number.isFinite(parsed)
    ? ok(parsed)
    : fail(`must be a finite number, got ${quote(value)}`);
};

export const integer: FieldParser<number> = (value) => {
  const parsed = number(value);
  if (!parsed.ok || parsed.value === null) return parsed;
  return Number.isSafeInteger(parsed.value)
    ? parsed
    : fail(`must be a whole number, got ${quote(value)}`);
};

/**
 * An exact decimal with at most 4 decimals (the contracts' decimal(18,4)), as the contracts'
 * string form `'12.3400'`. Parsed from the text, never through a float, so money stays exact.
 */
export const money: FieldParser<string> = (value) => {
  if (isEmpty(value)) return ok(null);
  // A number cell (XLSX, JSON) is printed the shortest way that reads back the same double.
  const textValue = typeof value === 'number' ? String(value) : value;
  if (typeof textValue !== 'string') return fail(`must be an amount, got ${quote(value)}`);
  const match = /^([+-]?)(\d{1,14})(?:\.(\d*))?$/.exec(textValue.trim());
  if (!match) return fail(`must be an amount like 12.34, got ${quote(value)}`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > 4) return fail(`must have at most 4 decimals, got ${quote(value)}`);
  const digits = `${whole!.replace(/^0+(?=\d)/, '')}.${fraction.padEnd(4, '0')}`;
  return ok(sign === '-' && /[1-9]/.test(digits) ? `-${digits}` : digits);
};

// Excel's day 0 is 1899-12-30 once its 1900 leap-year bug is accounted for (serials > 60).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Serials for 1900-03-01 … 9999-12-31: anything else is a number, not a date. */
const isExcelSerial = (n: number) => n >= 61 && n < 2_958_466;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether the Gregorian calendar has day `d` of month `m` in year `y`. Years before 100 are not
 * days a file means (and `Date.UTC` would read them as 19xx).
 */
function validDay(y: number, m: number, d: number): boolean {
  if (y < 100 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]!);
}

/**
 * Whether an ISO-looking text names a day the calendar lacks (`2026-02-30`, `2026-13-01`): such a
 * value is refused with that reason, not as a mere layout problem.
 */
function isMissingDay(textValue: string): boolean {
  const match = ISO_DATE.exec(textValue) ?? ISO_DATE_TIME.exec(textValue);
  return match !== null && !validDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** The reason a text in a date's layout is refused because its day does not exist. */
const missingDay = (value: RawValue) => fail(`is not a day of the calendar, got ${quote(value)}`);

/** The two decimal digits at `i` as a number, or -1. */
function twoDigits(text: string, i: number): number {
  const high = text.charCodeAt(i) - 48;
  const low = text.charCodeAt(i + 1) - 48;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}

const code = (character: string) => character.charCodeAt(0);
const [DASH, COLON, DOT, PLUS, SPACE] = [code('-'), code(':'), code('.'), code('+'), code(' ')];
const [UPPER_T, LOWER_T, UPPER_Z, LOWER_Z] = [code('T'), code('t'), code('Z'), code('z')];

/**
 * `YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|±HH[:]MM]`, the layout nearly every file's times are in,
 * read by character codes: the regular expressions, their match arrays and a Date per value were
 * ~8% of file-ingest's CPU on a readings file. The same values as `ISO_DATE_TIME` gives (a test
 * holds them equal); `undefined` for any other layout, which the expressions then read.
 */
function isoMillisByCharacters(text: string): number | null | undefined {
  const length = text.length;
  if (length < 19) return undefined;
  const separator = text.charCodeAt(10);
  if (
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    (separator !== UPPER_T && separator !== LOWER_T && separator !== SPACE) ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  )
    return undefined;
  const century = twoDigits(text, 0);
  const year = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if ((century | year | month | day | hour | minute | second) < 0) return undefined;
  let at = 19;
  // Milliseconds: the fraction's first three digits (of at most nine), as Math.floor would give.
  let ms = 0;
  if (at < length && text.charCodeAt(at) === DOT) {
    const start = ++at;
    while (at < length && at - start < 9) {
      const digit = text.charCodeAt(at) - 48;
      if (digit < 0 || digit > 9) break;
      if (at - start < 3) ms = ms * 10 + digit;
      at++;
    }
    if (at === start) return undefined;
    for (let place = at - start; place < 3; place++) ms *= 10;
  }
  let offsetMinutes = 0;
  if (at < length) {
    const zone = text.charCodeAt(at);
    if ((zone === UPPER_Z || zone === LOWER_Z) && at + 1 === length) {
      // UTC
    } else if (zone === PLUS || zone === DASH) {
      const colon = text.charCodeAt(at + 3) === COLON ? 1 : 0;
      const hours = twoDigits(text, at + 1);
      const minutes = twoDigits(text, at + 3 + colon);
      if (hours < 0 || minutes < 0 || at + 5 + colon !== length) return undefined;
      if (hours > 23 || minutes > 59) return null;
      offsetMinutes = (zone === DASH ? -1 : 1) * (hours * 60 + minutes);
    } else return undefined;
  }
  const fullYear = century * 100 + year;
  if (!validDay(fullYear, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  return Date.UTC(fullYear, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

/** Milliseconds since the epoch of an ISO-8601 text; a time without a zone is taken as UTC. */
export function parseIsoMillis(textValue: string): number | null {
  const byCharacters = isoMillisByCharacters(textValue);
  if (byCharacters !== undefined) return byCharacters;
  return parseIsoMillisByPattern(textValue);
}

/** `parseIsoMillis` by the regular expressions, for every layout they admit. */
export function parseIsoMillisByPattern(textValue: string): number | null {
  const dateOnly = ISO_DATE.exec(textValue);
  if (dateOnly) {
    const [y, m, d] = [Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3])];
    return validDay(y, m, d) ? Date.UTC(y, m - 1, d) : null;
  }
  const match = ISO_DATE_TIME.exec(textValue);
  if (!match) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(match[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  const ms = Math.floor(Number(`0${match[7] ?? ''}`) * 1000);
  let offsetMinutes = 0;
  const zone = match[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 23 || minutes > 59) return null;
    offsetMinutes = (digits[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000;
}

/** A point in time: ISO-8601 (no zone = UTC), a date alone (midnight UTC), an XLSX date or serial. */
export const timestamp: FieldParser<Date> = (value) => {
  if (isEmpty(value)) return ok(null);
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? fail('is not a valid date') : ok(value);
  if (typeof value === 'number') {
    return isExcelSerial(value)
      ? ok(new Date(EXCEL_EPOCH_MS + Math.round(value * DAY_MS)))
      : fail(`must be an ISO-8601 date-time, got ${quote(value)}`);
  }
  const millis = typeof value === 'string' ? parseIsoMillis(value.trim()) : null;
  if (millis !== null) return ok(new Date(millis));
  return typeof value === 'string' && isMissingDay(value.trim())
    ? missingDay(value)
    : fail(`must be an ISO-8601 date-time, got ${quote(value)}`);
};

/** A calendar day as `YYYY-MM-DD`: an ISO date, or the UTC day of a date-time or an XLSX date. */
export const day: FieldParser<string> = (value) => {
  if (isEmpty(value)) return ok(null);
  if (
    typeof value === 'string' &&
    !ISO_DATE.test(value.trim()) &&
    !ISO_DATE_TIME.test(value.trim())
  )
    return fail(`must be a date (YYYY-MM-DD), got ${quote(value)}`);
  if (typeof value === 'string' && isMissingDay(value.trim())) return missingDay(value);
  const parsed = timestamp(value);
  if (!parsed.ok) return fail(`must be a date (YYYY-MM-DD), got ${quote(value)}`);
  return ok(parsed.value === null ? null : parsed.value.toISOString().slice(0, 10));
};

export function oneOf<T extends string>(symbols: readonly T[]): FieldParser<T> {
  return (value) => {
    if (isEmpty(value)) return ok(null);
    const normalized = String(value).trim().toLowerCase();
    const symbol = symbols.find((s) => s === normalized);
    return symbol ? ok(symbol) : fail(`must be one of ${symbols.join(', ')}, got ${quote(value)}`);
  };
}

/** Bounds a number field: out-of-range values are refused with the range in the reason. */
export function between(
  parser: FieldParser<number>,
  min: number,
  max: number,
): FieldParser<number> {
  return (value) => {
    const parsed = parser(value);
    if (!parsed.ok || parsed.value === null) return parsed;
    return parsed.value < min || parsed.value > max
      ? fail(`must be between ${min} and ${max}, got ${quote(value)}`)
      : parsed;
  };
}
