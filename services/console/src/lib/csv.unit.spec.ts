import { csvCell, toCsv } from './csv';

describe('formula-safe CSV', () => {
  it.each([
    ['=1+2', `'=1+2`],
    ['+SUM(A1:A2)', `'+SUM(A1:A2)`],
    ['-2+3', `'-2+3`],
    ['@cmd', `'@cmd`],
    ['\t=1', `'\t=1`],
    ['\r=1', `"'\r=1"`],
    ['=A1,B1', `"'=A1,B1"`],
  ])('neutralises %j as text', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });

  it('joins rows with CRLF', () => {
    expect(
      toCsv([
        ['row', 'raw'],
        [1, '=HYPERLINK("x")'],
      ]),
    ).toBe(`row,raw\r\n1,"'=HYPERLINK(""x"")"\r\n`);
  });
});
