import type { InvitationEmailInput } from './email-template';
import { renderInvitationEmail } from './invitation-email';

const input = (overrides: Partial<InvitationEmailInput> = {}): InvitationEmailInput => ({
  locale: 'en',
  timeZone: 'Africa/Cairo',
  groupName: 'Skills Partnership',
  role: 'member',
  inviterName: 'Huda Haddad',
  acceptUrl: 'https://tansiq.example/invitations/secret-token',
  expiresAt: '2026-03-10T11:30:00Z',
  ...overrides,
});

describe('renderInvitationEmail', () => {
  it('says who invited the reader to which group in which role, with the link to accept', () => {
    const email = renderInvitationEmail(input());
    expect(email.subject).toBe('Huda Haddad invited you to join Skills Partnership as Member');
    expect(email.html).toContain('href="https://tansiq.example/invitations/secret-token"');
    expect(email.text).toContain('https://tansiq.example/invitations/secret-token');
  });

  it('does without an inviter’s name', () => {
    expect(renderInvitationEmail(input({ inviterName: null })).subject).toBe(
      'You are invited to join Skills Partnership as Member',
    );
  });

  it('is written in Arabic, right to left, for an Arabic reader', () => {
    const email = renderInvitationEmail(input({ locale: 'ar', role: 'observer' }));
    expect(email.subject).toBe('Huda Haddad دعاك إلى الانضمام إلى Skills Partnership بصفة مراقب');
    expect(email.html).toContain('<html lang="ar" dir="rtl">');
  });

  it('gives the expiry as the date where the reader is', () => {
    expect(renderInvitationEmail(input({ timeZone: 'Pacific/Auckland' })).text).toContain(
      'This invitation expires on March 11, 2026 at 12:30 AM.',
    );
    expect(renderInvitationEmail(input({ timeZone: 'America/Los_Angeles' })).text).toContain(
      'This invitation expires on March 10, 2026 at 4:30 AM.',
    );
  });

  it('cannot be made to inject a header or markup by a name', () => {
    const email = renderInvitationEmail(
      input({ inviterName: 'Eve\r\nBcc: x@y', groupName: '<img src=x onerror=alert(1)>' }),
    );
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject.startsWith('Eve Bcc: x@y invited you')).toBe(true);
    expect(email.html).not.toMatch(/<img/i);
  });
});
