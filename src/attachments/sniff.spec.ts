import { judgeFile } from './sniff';

/** A 1 × 1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const refused = expect.objectContaining({ response: expect.objectContaining({ code: 'file-type-refused' }) });
const text = (s: string) => Buffer.from(s, 'utf8');

describe('judgeFile', () => {
  it('takes the type from the bytes when they tell it, whatever the name says', async () => {
    expect(await judgeFile(PNG, 'photo.png')).toEqual({ contentType: 'image/png' });
    expect(await judgeFile(PNG, 'photo.txt')).toEqual({ contentType: 'image/png' });
    expect(await judgeFile(text('%PDF-1.7\n1 0 obj\n'), 'a.pdf')).toEqual({ contentType: 'application/pdf' });
  });

  it('takes a text type from the allow-list of extensions, else application/octet-stream', async () => {
    expect(await judgeFile(text('a,b\n1,2\n'), 'table.csv')).toEqual({ contentType: 'text/csv' });
    expect(await judgeFile(text('# Notes'), 'notes.md')).toEqual({ contentType: 'text/markdown' });
    expect(await judgeFile(text('hello'), 'hello.weird')).toEqual({ contentType: 'application/octet-stream' });
    expect(await judgeFile(Buffer.alloc(0), 'empty.txt')).toEqual({ contentType: 'text/plain' });
  });

  it.each([
    ['an HTML page', '<!DOCTYPE html><html><body>hi</body></html>', 'page.txt'],
    ['HTML named .png', '  <html><script>alert(1)</script></html>', 'photo.png'],
    ['an SVG with script', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'logo.jpg'],
    ['XML carrying script', '<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml"/>', 'data.csv'],
    ['a shell script', '#!/bin/sh\nrm -rf /\n', 'run.pdf'],
  ])('refuses %s', async (_, content, name) => {
    await expect(judgeFile(text(content), name)).rejects.toEqual(refused);
  });

  it('refuses programs by their bytes: ELF, PE, Mach-O, whatever they are named', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(64)]);
    const pe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(128)]);
    const macho = Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.alloc(64)]);
    for (const bytes of [elf, pe, macho]) await expect(judgeFile(bytes, 'report.pdf')).rejects.toEqual(refused);
  });

  it('refuses a PNG carrying a page (a polyglot), and any name that says page or program', async () => {
    const polyglot = Buffer.concat([PNG, text('<html><script>alert(document.cookie)</script></html>')]);
    await expect(judgeFile(polyglot, 'photo.png')).rejects.toEqual(refused);
    for (const name of ['photo.html', 'logo.svg', 'setup.exe', 'x.js', 'feed.xml']) {
      await expect(judgeFile(PNG, name)).rejects.toEqual(refused);
    }
  });

  it('lets plain text quote a tag: it is served as text, never rendered', async () => {
    expect(await judgeFile(text('Use the <script> tag with care.'), 'notes.txt')).toEqual({
      contentType: 'text/plain',
    });
  });
});
