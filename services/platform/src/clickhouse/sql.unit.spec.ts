import {
  array,
  bool,
  date,
  dateTime,
  float,
  ident,
  int,
  join,
  nullable,
  raw,
  sql,
  SqlFragment,
  SqlValueError,
  str,
  table,
  tuple,
  uuid,
} from './sql';

describe('str', () => {
  it.each([
    ['plain', "'plain'"],
    ['', "''"],
    ["O'Brien", "'O\\'Brien'"],
    ['back\\slash', "'back\\\\slash'"],
    ["\\'", "'\\\\\\''"],
    ['line1\nline2', "'line1\\nline2'"],
    ['a\r\tb', "'a\\r\\tb'"],
    ['nul\0byte', "'nul\\0byte'"],
    ['bell\x07', "'bell\\x07'"],
    ['del\x7f', "'del\\x7f'"],
    ['Zürich – 東京 🚗', "'Zürich – 東京 🚗'"],
    ["'; DROP TABLE t; --", "'\\'; DROP TABLE t; --'"],
  ])('formats %j as %s', (input, expected) => {
    expect(str(input).text).toBe(expected);
  });

  it('refuses a lone surrogate, which has no UTF-8 encoding', () => {
    expect(() => str('a\uD800b')).toThrow(SqlValueError);
  });

  it('refuses a non-string smuggled past the type checker', () => {
    expect(() => str(42 as unknown as string)).toThrow('expected a string, got number');
  });
});

describe('numbers and booleans', () => {
  it.each([
    [0, '0'],
    [-17, '-17'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
  ])('int(%p) is %s', (input, expected) => expect(int(input).text).toBe(expected));

  it('int accepts bigints beyond the safe range', () => {
    expect(int(18446744073709551615n).text).toBe('18446744073709551615');
  });

  it.each([1.5, NaN, Infinity, 2 ** 53])('int refuses %p', (input) => {
    expect(() => int(input)).toThrow(SqlValueError);
  });

  it.each([
    [1.5, 'toFloat64(1.5)'],
    [-0.25, 'toFloat64(-0.25)'],
    [-0, 'toFloat64(0)'],
    [1e21, 'toFloat64(1e+21)'],
    [5e-324, 'toFloat64(5e-324)'],
  ])('float(%p) is %s', (input, expected) => expect(float(input).text).toBe(expected));

  it.each([NaN, Infinity, -Infinity])('float refuses %p', (input) => {
    expect(() => float(input)).toThrow(SqlValueError);
  });

  it('bool is 1 or 0', () => {
    expect(bool(true).text).toBe('1');
    expect(bool(false).text).toBe('0');
  });
});

describe('dates', () => {
  it('dateTime is the UTC wall clock to the second', () => {
    expect(dateTime(new Date('2026-11-22T23:59:58.999+01:00')).text).toBe(
      "toDateTime('2026-11-22 22:59:58', 'UTC')",
    );
  });

  it.each([new Date('nope'), new Date('1969-12-31T23:59:59Z'), new Date('2106-01-01T00:00:00Z')])(
    'dateTime refuses %p',
    (input) => expect(() => dateTime(input)).toThrow(SqlValueError),
  );

  it('date keeps a calendar date', () => {
    expect(date('2024-02-29').text).toBe("toDate('2024-02-29')");
  });

  it.each(['2026-02-29', '2026-13-01', '2026-1-01', "2026-01-01' OR 1=1", '1969-12-31'])(
    'date refuses %p',
    (input) => expect(() => date(input)).toThrow(SqlValueError),
  );
});

describe('uuid, nullable, array', () => {
  it('uuid lower-cases a valid UUID', () => {
    expect(uuid('0F8FAD5B-D9CB-469F-A165-70867728950E').text).toBe(
      "toUUID('0f8fad5b-d9cb-469f-a165-70867728950e')",
    );
  });

  it('uuid refuses anything else', () => {
    expect(() => uuid("0f8fad5b-d9cb-469f-a165-70867728950e'")).toThrow(SqlValueError);
  });

  it('nullable writes NULL or the formatted value', () => {
    expect(nullable<string>(null, str).text).toBe('NULL');
    expect(nullable('x', str).text).toBe("'x'");
  });

  it('tuple makes an IN list and refuses an empty one', () => {
    expect(tuple(['a', "b'"], str).text).toBe("('a', 'b\\'')");
    expect(tuple([7], int).text).toBe('(7)');
    expect(() => tuple([], int)).toThrow('an IN list needs at least one value');
  });

  it('array formats each element', () => {
    expect(array(['a', "b'"], str).text).toBe("['a', 'b\\'']");
    expect(array([], int).text).toBe('[]');
  });
});

describe('identifiers', () => {
  const sortable = ['timestamp', 'sensor_id'] as const;

  it('ident accepts a whitelisted name', () => {
    expect(ident('sensor_id', sortable).text).toBe('`sensor_id`');
  });

  it.each(['value', 'sensor_id`; DROP', ''])('ident refuses %p', (input) => {
    expect(() => ident(input, sortable)).toThrow(SqlValueError);
  });

  it('ident refuses a whitelisted name that is not an identifier', () => {
    expect(() => ident('a b', ['a b'])).toThrow('is not an identifier');
  });

  it('table quotes each part of a dotted name', () => {
    expect(table('analytics.readings').text).toBe('`analytics`.`readings`');
    expect(() => table('a.b.c')).toThrow(SqlValueError);
    expect(() => table('a;b')).toThrow(SqlValueError);
  });
});

describe('sql template', () => {
  it('assembles fragments', () => {
    const query = sql`SELECT ${join([ident('a', ['a']), raw('count()')])} FROM ${table('t')} WHERE a = ${str("x'")}`;
    expect(query.text).toBe("SELECT `a`, count() FROM `t` WHERE a = 'x\\''");
    expect(String(query)).toBe(query.text);
  });

  it('refuses a raw value in a hole', () => {
    const hostile = "' OR 1=1 --" as unknown as SqlFragment;
    expect(() => sql`SELECT ${hostile}`).toThrow('sql template hole 0 is not a SqlFragment');
  });
});
