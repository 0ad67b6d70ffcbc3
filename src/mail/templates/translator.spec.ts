import { translator } from './translator';

// 11:30 UTC on 10 March: already the 11th in Auckland (UTC+13), still the 10th in Los Angeles (UTC−7).
const NEAR_MIDNIGHT = '2026-03-10T11:30:00Z';

describe('translator', () => {
  it('formats an instant in the reader’s time zone', () => {
    expect(translator('en', 'Pacific/Auckland').formatInstant(NEAR_MIDNIGHT)).toBe('March 11, 2026 at 12:30 AM');
    expect(translator('en', 'America/Los_Angeles').formatInstant(NEAR_MIDNIGHT)).toBe('March 10, 2026 at 4:30 AM');
    expect(translator('ar', 'Pacific/Auckland').formatInstant(NEAR_MIDNIGHT)).toContain('11 مارس 2026');
    expect(translator('ar', 'America/Los_Angeles').formatInstant(NEAR_MIDNIGHT)).toContain('10 مارس 2026');
  });

  it('shows a calendar date as the same day in every time zone', () => {
    expect(translator('en', 'Pacific/Auckland').formatDay('2026-03-10')).toBe('Mar 10, 2026');
    expect(translator('en', 'America/Los_Angeles').formatDay('2026-03-10')).toBe('Mar 10, 2026');
  });

  it('writes Arabic with Latin digits', () => {
    const tr = translator('ar', 'Asia/Amman');
    expect(tr.formatDay('2026-03-10')).toMatch(/10/);
    expect(tr.tn('email.digest.unread', 1234, { group: 'G' })).toBe('1,234 إشعارًا غير مقروء في G');
  });

  it('picks each of the six Arabic plural forms', () => {
    const tr = translator('ar', 'UTC');
    const say = (count: number) => tr.tn('email.digest.unread', count, { group: 'G' });
    expect([0, 1, 2, 3, 11, 100].map(say)).toEqual([
      'لا إشعارات غير مقروءة في G',
      'إشعار واحد غير مقروء في G',
      'إشعاران غير مقروءين في G',
      '3 إشعارات غير مقروءة في G',
      '11 إشعارًا غير مقروء في G',
      '100 إشعار غير مقروء في G',
    ]);
  });

  it('refuses a time zone that does not exist', () => {
    expect(() => translator('en', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
