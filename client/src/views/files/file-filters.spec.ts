import { describe, expect, it } from '@jest/globals';
import type { AttachmentDto } from '../../api/server-types';
import { fileFiltersFrom, matchesFileFilters, mergeNewestFirst } from './file-filters';

const file = (over: Partial<AttachmentDto>): AttachmentDto => ({
  id: 'a1',
  groupId: 'g1',
  name: 'Meeting minutes.pdf',
  contentType: 'application/pdf',
  kind: 'pdf',
  size: 1000,
  uploader: { id: 'u1', displayName: 'Huda' },
  place: 'message',
  messageId: 'm1',
  threadId: 't1',
  actionItemId: null,
  actionItemCommentId: null,
  width: null,
  height: null,
  pageCount: 3,
  hasThumbnail: false,
  createdAt: '2026-03-10T10:00:00.000Z',
  ...over,
});

describe('file filters', () => {
  it('are read from the address, ignoring a kind the server does not know', () => {
    expect(fileFiltersFrom(new URLSearchParams('kind=pdf&thread=t1&q=%20minutes%20'))).toEqual({
      kind: 'pdf',
      threadId: 't1',
      actionItemId: undefined,
      uploaderId: undefined,
      q: 'minutes',
    });
    expect(fileFiltersFrom(new URLSearchParams('kind=hologram')).kind).toBeUndefined();
  });

  it('let a live file in only when it matches every filter', () => {
    expect(matchesFileFilters(file({}), {})).toBe(true);
    expect(matchesFileFilters(file({}), { kind: 'image' })).toBe(false);
    expect(matchesFileFilters(file({}), { threadId: 't2' })).toBe(false);
    expect(matchesFileFilters(file({}), { uploaderId: 'u1', kind: 'pdf' })).toBe(true);
    expect(matchesFileFilters(file({ actionItemId: 'x1', place: 'action' }), { actionItemId: 'x1' })).toBe(true);
  });

  it('search names word by word, in any script', () => {
    expect(matchesFileFilters(file({}), { q: 'minutes meeting' })).toBe(true);
    expect(matchesFileFilters(file({}), { q: 'budget' })).toBe(false);
    expect(matchesFileFilters(file({ name: 'محضر الاجتماع.pdf' }), { q: 'محضر' })).toBe(true);
  });

  it('leave out files not attached yet', () => {
    expect(matchesFileFilters(file({ place: null }), {})).toBe(false);
  });

  it('keep the list newest first and each file once', () => {
    const old = file({ id: 'a1', createdAt: '2026-03-10T10:00:00.000Z' });
    const newer = file({ id: 'a2', createdAt: '2026-03-11T10:00:00.000Z' });
    const merged = mergeNewestFirst([old], [newer, { ...old, name: 'renamed.pdf' }]);
    expect(merged.map((f) => [f.id, f.name])).toEqual([
      ['a2', 'Meeting minutes.pdf'],
      ['a1', 'renamed.pdf'],
    ]);
  });
});
