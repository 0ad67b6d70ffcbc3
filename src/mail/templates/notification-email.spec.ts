import { en, enEmail } from '../../notifications/texts/en';
import type { NotificationData, NotificationType } from '../../notifications/notification-kinds';
import { SUBJECT_MAX } from './email-layout';
import type { EmailNotification, EmailReader, NotificationEmailInput } from './email-template';
import { renderNotificationEmail } from './notification-email';

const context = { groupName: 'Skills Partnership', actorId: 'u1', actorName: 'Huda Haddad' };
const thread = { threadId: 't1', threadTitle: 'Recognition of skills' };
const action = { title: 'Draft the skills note' };

/** One of every type: the `satisfies` fails to compile when a type is added without a sample. */
const SAMPLES = {
  'member.invited': { ...context, invitationId: 'i1', role: 'member' },
  'member.added': { ...context, role: 'observer' },
  'member.role-changed': { ...context, role: 'facilitator', previous: 'member' },
  'message.mentioned': { ...context, ...thread },
  'message.replied': { ...context, ...thread },
  'recommendation.created': { ...context, threadTitle: 'Recognition of skills' },
  'recommendation.closed': { ...context, threadTitle: 'Recognition of skills', outcome: 'adopted-with-changes' },
  'action.assigned': { ...context, ...action, dueDate: '2026-04-01', reassigned: false },
  'action.due-changed': { ...context, ...action, dueDate: '2026-04-01', previous: '2026-03-01' },
  'action.status-changed': { ...context, ...action, status: 'blocked', previous: 'in-progress' },
  'action.commented': { ...context, ...action, kind: 'progress' },
  'action.due-soon': { ...context, ...action, dueDate: '2026-04-01' },
  'action.overdue': { ...context, ...action, dueDate: '2026-04-01' },
  'action.claimed': { ...context, ...action, percent: 40 },
  'action.claim-decided': { ...context, ...action, percent: 40, state: 'returned', reason: 'No evidence' },
  'recommendation.review': {
    ...context,
    threadTitle: 'Recognition of skills',
    recommendationId: 'r1',
    reviewThreadId: 't2',
    reviewDate: '2026-04-01',
    claimed: 62.5,
    verified: 25,
    overdue: 1,
  },
  'action.check-in': { ...context, ...action, dueDate: null, everyDays: 14 },
} satisfies { [T in NotificationType]: NotificationData[T] };

const TYPES = Object.keys(SAMPLES) as NotificationType[];

function notification<T extends NotificationType>(type: T, data: NotificationData[T] = SAMPLES[type]) {
  return {
    type,
    data,
    groupId: 'g1',
    subjectType: 'message',
    subjectId: 'm1',
    createdAt: '2026-03-10T11:30:00Z',
  } as EmailNotification;
}

const links = {
  open: 'https://tansiq.example/groups/g1/threads/t1?message=m1',
  preferences: 'https://tansiq.example/settings/notifications',
  unsubscribe: 'https://tansiq.example/api/mail/unsubscribe?token=abc',
};

const reader = (locale: EmailReader['locale']): EmailReader => ({
  locale,
  timeZone: 'Africa/Cairo',
  displayName: 'Omar',
});

const input = (overrides: Partial<NotificationEmailInput> = {}): NotificationEmailInput => ({
  reader: reader('en'),
  notification: notification('message.mentioned'),
  links,
  excerpt: null,
  replyByEmail: false,
  ...overrides,
});

/**
 * The words of every English text (placeholders cut out), long enough not to match a name by chance: one of them in
 * an Arabic email means a key fell back to English.
 */
const ENGLISH_PHRASES = Object.values({ ...en, ...enEmail })
  .flatMap((text) => text.split(/\{\w+\}/))
  .map((phrase) => phrase.trim())
  .filter((phrase) => phrase.length >= 8);

describe('renderNotificationEmail', () => {
  describe.each(['en', 'ar'] as const)('in %s', (locale) => {
    it.each(TYPES)('renders %s with every text found', (type) => {
      const email = renderNotificationEmail(input({ reader: reader(locale), notification: notification(type) }));
      for (const part of [email.subject, email.html, email.text]) {
        expect(part).not.toMatch(/\{\w+\}/);
        expect(part).not.toMatch(/\b(email|notification|notificationText|role|status|outcome)\.[a-z]/);
      }
      expect(email.text).toContain('Skills Partnership');
      if (locale === 'ar') {
        expect(ENGLISH_PHRASES.filter((phrase) => email.text.includes(phrase))).toEqual([]);
      }
    });
  });

  it('writes Arabic right to left, with an Arabic subject', () => {
    const email = renderNotificationEmail(input({ reader: reader('ar') }));
    expect(email.html).toContain('<html lang="ar" dir="rtl">');
    expect(email.html).toContain('<td dir="rtl"');
    expect(email.subject).toBe('[Skills Partnership] Huda Haddad أشار إليك في Recognition of skills');
  });

  it('writes English left to right', () => {
    const email = renderNotificationEmail(input());
    expect(email.html).toContain('<html lang="en" dir="ltr">');
    expect(email.subject).toBe('[Skills Partnership] Huda Haddad mentioned you in Recognition of skills');
  });

  it('names the group and the discussion and quotes the excerpt', () => {
    const email = renderNotificationEmail(input({ excerpt: 'We agree on the\nfirst point.' }));
    expect(email.html).toContain('Group:</span> Skills Partnership');
    expect(email.html).toContain('Discussion:</span> Recognition of skills');
    expect(email.html).toMatch(/<blockquote[^>]*>We agree on the<br>first point\.<\/blockquote>/);
    expect(email.text).toContain('> We agree on the\n> first point.');
  });

  it('escapes every user-supplied string in the HTML part', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const email = renderNotificationEmail(
      input({
        reader: { ...reader('en'), displayName: hostile },
        notification: notification('message.mentioned', {
          groupName: hostile,
          actorId: 'u1',
          actorName: hostile,
          threadId: 't1',
          threadTitle: `"><script>alert(1)</script>`,
        }),
        excerpt: hostile,
      }),
    );
    expect(email.html).not.toMatch(/<img|<script/i);
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt; mentioned you in');
    expect(email.html).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('keeps the subject on one line and within bounds', () => {
    const email = renderNotificationEmail(
      input({
        notification: notification('message.mentioned', {
          ...context,
          groupName: 'Skills\r\nBcc: x@y',
          threadId: 't1',
          threadTitle: 'A very long title '.repeat(20),
        }),
      }),
    );
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject.startsWith('[Skills Bcc: x@y] Huda Haddad mentioned you in A very long title')).toBe(true);
    expect(Array.from(email.subject).length).toBeLessThanOrEqual(SUBJECT_MAX);
    expect(email.subject.endsWith('…')).toBe(true);
  });

  it('writes every link out in the text part', () => {
    const email = renderNotificationEmail(input());
    for (const url of Object.values(links)) {
      expect(email.text).toContain(url);
      expect(email.html).toContain(`href="${url}"`);
    }
  });

  it('escapes links in attributes and refuses a link that is not http(s)', () => {
    const quoted = renderNotificationEmail(input({ links: { ...links, open: 'https://tansiq.example/a?"x=<y>' } }));
    expect(quoted.html).toContain('href="https://tansiq.example/a?&quot;x=&lt;y&gt;"');
    expect(() => renderNotificationEmail(input({ links: { ...links, open: 'javascript:alert(1)' } }))).toThrow();
  });

  it('says replying works only when it does', () => {
    expect(renderNotificationEmail(input({ replyByEmail: true })).text).toContain(enEmail['email.replyByEmail']);
    expect(renderNotificationEmail(input({ replyByEmail: false })).text).not.toContain(enEmail['email.replyByEmail']);
  });

  it('dates the notification in the reader’s time zone', () => {
    const at = (timeZone: string) => renderNotificationEmail(input({ reader: { ...reader('en'), timeZone } })).text;
    expect(at('Pacific/Auckland')).toContain('March 11, 2026 at 12:30 AM');
    expect(at('America/Los_Angeles')).toContain('March 10, 2026 at 4:30 AM');
  });
});
