import { fileKindOf } from './file-kind';

describe('fileKindOf', () => {
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
    expect(fileKindOf(contentType)).toBe(kind);
  });

  it('ignores parameters and letter case', () => {
    expect(fileKindOf('Text/Plain; charset=utf-8')).toBe('text');
    expect(fileKindOf('APPLICATION/PDF')).toBe('pdf');
  });
});
