import { csvCell, toCsv } from './csv';

describe('csv', () => {
  it.each(['=1+1', '+1', '-2', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://evil")'])('neutralises %j', (value) => {
    expect(csvCell(value).startsWith(`"'`)).toBe(true);
  });

  it('quotes and escapes quotes, keeps Arabic and joins lists', () => {
    expect(csvCell('He said "yes"')).toBe('"He said ""yes"""');
    expect(csvCell('الهجرة النظامية')).toBe('"الهجرة النظامية"');
    expect(csvCell(['a', 'b'])).toBe('"a; b"');
    expect(csvCell(null)).toBe('""');
  });

  it('starts with a byte-order mark and ends rows with CRLF', () => {
    const csv = toCsv(['a', 'b'], [[1, 'x']]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('"a","b"\r\n"1","x"\r\n');
  });
});
