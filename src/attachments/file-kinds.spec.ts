import { fileKind } from './file-kinds';

describe('fileKind', () => {
  it.each([
    ['image/png', 'image'],
    ['image/webp', 'image'],
    ['application/pdf', 'pdf'],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'document'],
    ['application/msword', 'document'],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'spreadsheet'],
    ['text/csv', 'spreadsheet'],
    ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'presentation'],
    ['text/plain', 'text'],
    ['application/zip', 'archive'],
    ['audio/mpeg', 'audio'],
    ['video/mp4', 'video'],
    ['application/octet-stream', 'other'],
    ['', 'other'],
  ])('reads %s as %s', (contentType, kind) => {
    expect(fileKind(contentType)).toBe(kind);
  });

  it('ignores parameters and letter case', () => {
    expect(fileKind('Text/Plain; charset=utf-8')).toBe('text');
    expect(fileKind('APPLICATION/PDF')).toBe('pdf');
  });
});
