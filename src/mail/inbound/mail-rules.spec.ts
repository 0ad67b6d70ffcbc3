import { automaticReason, HeaderLine, LOOP_HEADER, MAX_RECEIVED_HEADERS } from './mail-rules';

const h = (line: string): HeaderLine => ({ key: line.slice(0, line.indexOf(':')).toLowerCase(), line });
const OUR_FROM = 'Tansiq <tansiq@example.org>';
const reason = (lines: string[], from: string | null = 'ali@example.org') =>
  automaticReason(lines.map(h), from, OUR_FROM);

describe('automaticReason', () => {
  it('passes a message a person wrote, "Auto-Submitted: no" included', () => {
    expect(reason(['Subject: Re: hello', 'Auto-Submitted: no', 'Precedence: first-class'])).toBeNull();
  });

  it('refuses auto-replies by any of their markers', () => {
    expect(reason(['Auto-Submitted: auto-replied'])).toBe('auto-reply');
    expect(reason(['Auto-Submitted: auto-generated; owner-email="x@example.org"'])).toBe('auto-reply');
    expect(reason(['X-Autoreply: yes'])).toBe('auto-reply');
    expect(reason(['X-Autorespond: on vacation'])).toBe('auto-reply');
    for (const value of ['bulk', 'junk', 'list', 'auto_reply', 'Bulk'])
      expect(reason([`Precedence: ${value}`])).toBe('bulk-precedence');
  });

  it('refuses our own email coming back', () => {
    expect(reason([`${LOOP_HEADER}: 1`])).toBe('loop-header');
    expect(reason([], 'TANSIQ@example.org')).toBe('loop-from');
  });

  it('refuses a message that passed through too many relays', () => {
    const received = Array.from({ length: MAX_RECEIVED_HEADERS + 1 }, (_, i) => `Received: from relay${i}`);
    expect(reason(received)).toBe('too-many-hops');
    expect(reason(received.slice(1))).toBeNull();
  });
});
