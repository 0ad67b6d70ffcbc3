import type { EmailNotification } from './email-template';
import { renderDigestEmail } from './digest-email';

const links = {
  preferences: 'https://tansiq.example/settings/notifications',
  unsubscribe: 'https://tansiq.example/api/mail/unsubscribe?token=abc',
};

const due = (n: number): EmailNotification => ({
  type: 'action.due-soon',
  data: { groupName: 'ignored', actorId: null, actorName: null, title: `Item ${n}`, dueDate: '2026-04-01' },
  groupId: 'g1',
  subjectType: 'action',
  subjectId: `a${n}`,
  createdAt: '2026-03-10T11:30:00Z',
});

const group = (groupName: string, count: number) => ({
  groupName,
  items: Array.from({ length: count }, (_, i) => ({
    notification: due(i),
    link: `https://tansiq.example/actions/a${i}?g=${encodeURIComponent(groupName)}`,
  })),
});

const digest = (locale: 'en' | 'ar', groups: ReturnType<typeof group>[], period: 'daily' | 'weekly' = 'daily') =>
  renderDigestEmail({ reader: { locale, timeZone: 'UTC', displayName: 'Omar' }, period, groups, links });

describe('renderDigestEmail', () => {
  it('counts each group in the Arabic plural form its number needs', () => {
    const email = digest('ar', [group('أ', 1), group('ب', 2), group('ج', 3), group('د', 11)]);
    expect(email.text).toContain('إشعار واحد غير مقروء في أ');
    expect(email.text).toContain('إشعاران غير مقروءين في ب');
    expect(email.text).toContain('3 إشعارات غير مقروءة في ج');
    expect(email.text).toContain('11 إشعارًا غير مقروء في د');
    expect(email.html).toContain('<html lang="ar" dir="rtl">');
    expect(email.subject).toBe('ملخّصك اليومي من تنسيق');
  });

  it('lists the items under their groups, in order, each with its link', () => {
    const email = digest('en', [group('Skills', 2), group('Returns', 1)], 'weekly');
    expect(email.subject).toBe('Your weekly summary from Tansiq');
    const skills = email.text.indexOf('2 unread in Skills');
    const returns = email.text.indexOf('1 unread in Returns');
    expect(skills).toBeGreaterThan(-1);
    expect(returns).toBeGreaterThan(skills);
    expect(email.text.slice(skills, returns)).toContain(
      '- Due Apr 1, 2026: Item 1\n  https://tansiq.example/actions/a1?g=Skills',
    );
    expect(email.html).toContain('<a href="https://tansiq.example/actions/a0?g=Returns"');
  });

  it('leaves out a group with nothing unread', () => {
    expect(digest('en', [group('Skills', 1), group('Empty', 0)]).text).not.toContain('Empty');
  });

  it('escapes group names and links to settings and unsubscribe', () => {
    const email = digest('en', [group('<b>Skills</b>', 1)]);
    expect(email.html).not.toContain('<b>');
    expect(email.html).toContain('&lt;b&gt;Skills&lt;/b&gt;');
    expect(email.text).toContain(links.preferences);
    expect(email.text).toContain(links.unsubscribe);
  });
});
