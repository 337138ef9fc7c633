import { TributaryError } from '@tributary/contracts';
/**
 * The only way values reach ClickHouse SQL. ClickHouse 18.16 has no query parameters, so every
 * value is formatted here as a typed literal, and a query is a `sql` template whose holes accept
 * only fragments made by these functions: a raw string cannot be interpolated by mistake.
 * Identifiers (tables, columns, sort keys) come from a whitelist, never from input.
 */
export class SqlFragment {
  /** Use the functions of this module; the constructor is public only for `instanceof`. */
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export class SqlValueError extends TributaryError {
  constructor(message: string) {
    super('SQL.INVALID_VALUE', message);
  }
}

/** Tagged template: sql`SELECT … WHERE id = ${str(id)}` */
export function sql(strings: TemplateStringsArray, ...values: readonly SqlFragment[]): SqlFragment {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    if (!(value instanceof SqlFragment)) {
      throw new SqlValueError(`sql template hole ${i} is not a SqlFragment`);
    }
    text += value.text + (strings[i + 1] ?? '');
  });
  return new SqlFragment(text);
}

/** Joins fragments with a separator (`, ` by default); an empty list gives an empty fragment. */
export function join(fragments: readonly SqlFragment[], separator = ', '): SqlFragment {
  return new SqlFragment(fragments.map((f) => f.text).join(separator));
}

// Inside ClickHouse's single-quoted strings a backslash starts an escape sequence, so backslash
// and quote are escaped, and control characters are written as escapes so a literal never spans
// lines in logs. Lone UTF-16 surrogates cannot be encoded as UTF-8 and are refused.
const STRING_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\0': '\\0',
  '\b': '\\b',
  '\f': '\\f',
};

export function str(value: string): SqlFragment {
  if (typeof value !== 'string') throw new SqlValueError(`expected a string, got ${typeof value}`);
  if (!value.isWellFormed()) throw new SqlValueError('string contains a lone UTF-16 surrogate');
  const escaped = value.replace(/[\\'\n\r\t\0\b\f]|[\x01-\x1f\x7f]/g, (ch) => {
    return STRING_ESCAPES[ch] ?? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return new SqlFragment(`'${escaped}'`);
}

/** A whole number; bigint covers the 64-bit range a JS number cannot hold exactly. */
export function int(value: number | bigint): SqlFragment {
  if (typeof value === 'bigint') return new SqlFragment(value.toString());
  if (!Number.isSafeInteger(value)) {
    throw new SqlValueError(`expected a safe integer, got ${String(value)}`);
  }
  return new SqlFragment(String(value));
}

export function float(value: number): SqlFragment {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SqlValueError(`expected a finite number, got ${String(value)}`);
  }
  // Wrapped so that `-1` after a minus sign, or `1e+21`, can never change the expression.
  return new SqlFragment(`toFloat64(${Object.is(value, -0) ? '0' : String(value)})`);
}

export function bool(value: boolean): SqlFragment {
  if (typeof value !== 'boolean')
    throw new SqlValueError(`expected a boolean, got ${typeof value}`);
  return new SqlFragment(value ? '1' : '0');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** An instant, to the second (DateTime), in UTC whatever the server's time zone. */
export function dateTime(value: Date): SqlFragment {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new SqlValueError('expected a valid Date');
  }
  const y = value.getUTCFullYear();
  if (y < 1970 || y > 2105) throw new SqlValueError(`year ${y} is outside DateTime's range`);
  const text =
    `${y}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())} ` +
    `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
  return new SqlFragment(`toDateTime('${text}', 'UTC')`);
}

/** A calendar date given as `YYYY-MM-DD`; impossible dates (2026-02-30) are refused. */
export function date(value: string): SqlFragment {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match)
    throw new SqlValueError(`expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(y, m - 1, d));
  if (
    parsed.getUTCFullYear() !== y ||
    parsed.getUTCMonth() !== m - 1 ||
    parsed.getUTCDate() !== d
  ) {
    throw new SqlValueError(`${value} is not a calendar date`);
  }
  if (y < 1970 || y > 2105) throw new SqlValueError(`year ${y} is outside Date's range`);
  return new SqlFragment(`toDate('${value}')`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuid(value: string): SqlFragment {
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new SqlValueError(`expected a UUID, got ${JSON.stringify(value)}`);
  }
  return new SqlFragment(`toUUID('${value.toLowerCase()}')`);
}

export function nullable<T>(value: T | null, format: (v: T) => SqlFragment): SqlFragment {
  return value === null ? new SqlFragment('NULL') : format(value);
}

export function array<T>(values: readonly T[], format: (v: T) => SqlFragment): SqlFragment {
  return new SqlFragment(`[${values.map((v) => format(v).text).join(', ')}]`);
}

/**
 * A parenthesised list, for `x IN (…)`, which (unlike `has([…], x)`) lets ClickHouse use the
 * primary key. An empty list cannot be written in SQL, so it is refused.
 */
export function tuple<T>(values: readonly T[], format: (v: T) => SqlFragment): SqlFragment {
  if (values.length === 0) throw new SqlValueError('an IN list needs at least one value');
  return new SqlFragment(`(${values.map((v) => format(v).text).join(', ')})`);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * An identifier chosen from a whitelist the caller owns (e.g. the columns a route may sort by).
 * Anything else is a programming error or hostile input, and is refused either way.
 */
export function ident<const T extends string>(name: string, allowed: readonly T[]): SqlFragment {
  if (!(allowed as readonly string[]).includes(name)) {
    throw new SqlValueError(`${JSON.stringify(name)} is not one of ${allowed.join(', ')}`);
  }
  if (!IDENTIFIER.test(name))
    throw new SqlValueError(`${JSON.stringify(name)} is not an identifier`);
  return new SqlFragment(`\`${name}\``);
}

/** A dotted `database.table` name, each part checked like an identifier (owned by the code). */
export function table(name: string): SqlFragment {
  const parts = name.split('.');
  if (parts.length > 2 || !parts.every((p) => IDENTIFIER.test(p))) {
    throw new SqlValueError(`${JSON.stringify(name)} is not a table name`);
  }
  return new SqlFragment(parts.map((p) => `\`${p}\``).join('.'));
}

/** Trusted SQL text written in code (keywords, function names); never pass input here. */
export function raw(text: string): SqlFragment {
  return new SqlFragment(text);
}
