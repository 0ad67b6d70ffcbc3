import { describe, expect, it } from '@jest/globals';
import type { MessageDto } from '../../api/server-types';
import type { PendingMessage } from '../../live/outbox';
import { visiblePending } from './pending-match';

const pending = (clientId: string, body: string, afterSeq: number): PendingMessage => ({
  clientId,
  groupId: 'g',
  threadId: 't',
  parentId: null,
  body,
  afterSeq,
  status: 'pending',
  createdAt: '',
});
const stored = (id: string, seq: number, body: string, author = 'me'): MessageDto =>
  ({ id, seq, body, parentId: null, author: { id: author, displayName: '' }, deleted: false }) as MessageDto;

describe('visiblePending', () => {
  it('hides a pending message whose stored copy arrived before its acknowledgement', () => {
    expect(visiblePending([pending('c1', 'ok', 10)], [stored('m1', 11, 'ok')], 'me')).toEqual([]);
  });

  it('does not take an older message with the same text for the copy', () => {
    expect(visiblePending([pending('c1', 'ok', 10)], [stored('m1', 9, 'ok')], 'me')).toHaveLength(1);
  });

  it("does not take someone else's message for the copy", () => {
    expect(visiblePending([pending('c1', 'ok', 10)], [stored('m1', 11, 'ok', 'other')], 'me')).toHaveLength(1);
  });

  it('matches one stored copy to one pending message', () => {
    const shown = visiblePending([pending('c1', 'ok', 10), pending('c2', 'ok', 10)], [stored('m1', 11, 'ok')], 'me');
    expect(shown.map((p) => p.clientId)).toEqual(['c2']);
  });

  it('always shows a failed message', () => {
    const failed = { ...pending('c1', 'ok', 10), status: 'failed' as const };
    expect(visiblePending([failed], [stored('m1', 11, 'ok')], 'me')).toEqual([failed]);
  });
});
