import { cleanFileName, extensionOf, MAX_NAME_BYTES } from './file-names';

describe('cleanFileName', () => {
  it('keeps only the last part of a path, / or \\', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
  });

  it('removes NUL, control and bidi-override characters and trims dots and spaces', () => {
    expect(cleanFileName('evil\u0000.png')).toBe('evil.png');
    expect(cleanFileName('invoice\u202egnp.exe')).toBe('invoicegnp.exe');
    expect(cleanFileName('  ..hidden. ')).toBe('hidden');
  });

  it('keeps Arabic as written, in NFC', () => {
    expect(cleanFileName('تقرير الهجرة ٢٠٢٦.pdf')).toBe('تقرير الهجرة ٢٠٢٦.pdf');
    expect(cleanFileName('cafe\u0301.txt')).toBe('caf\u00e9.txt');
  });

  it('cuts a long name to 255 bytes of UTF-8, keeping its extension and whole characters', () => {
    const name = cleanFileName(`${'ب'.repeat(300)}.docx`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(name.endsWith('ب.docx')).toBe(true);
    expect(name.isWellFormed()).toBe(true);
  });

  it('refuses a name with nothing left (400 file-name-invalid)', () => {
    for (const raw of ['', '../', '..', ' . ', '\u0000\u0001']) {
      expect(() => cleanFileName(raw)).toThrow(
        expect.objectContaining({ response: expect.objectContaining({ code: 'file-name-invalid' }) }),
      );
    }
  });
});

describe('extensionOf', () => {
  it('reads the last extension, lower case, none for a bare or dot-led name', () => {
    expect(extensionOf('a.tar.GZ')).toBe('gz');
    expect(extensionOf('README')).toBe('');
  });
});
