import type { SecurityEmailInput } from './email-template';
import { renderSecurityEmail } from './security-email';

const input = (overrides: Partial<SecurityEmailInput> = {}): SecurityEmailInput => ({
  reader: { locale: 'en', timeZone: 'Pacific/Auckland', displayName: 'Omar' },
  kind: 'password-reset',
  url: 'https://tansiq.example/reset?token=one-time',
  expiresAt: '2026-03-10T11:30:00Z',
  ...overrides,
});

describe('renderSecurityEmail', () => {
  it('sends the one-time link for a password reset, with its expiry where the reader is', () => {
    const email = renderSecurityEmail(input());
    expect(email.subject).toBe('Reset your Tansiq password');
    expect(email.text).toContain('https://tansiq.example/reset?token=one-time');
    expect(email.text).toContain('expires on March 11, 2026 at 12:30 AM.');
    expect(email.html).not.toContain('nsubscribe');
  });

  it('asks to confirm an address, in Arabic for an Arabic reader', () => {
    const email = renderSecurityEmail(
      input({ kind: 'email-verification', reader: { locale: 'ar', timeZone: 'Asia/Riyadh', displayName: 'عمر' } }),
    );
    expect(email.subject).toBe('تأكيد بريدك الإلكتروني في تنسيق');
    expect(email.html).toContain('<html lang="ar" dir="rtl">');
    expect(email.html).toContain('مرحبًا عمر،');
  });

  it('escapes the reader’s name', () => {
    const email = renderSecurityEmail(input({ reader: { locale: 'en', timeZone: 'UTC', displayName: '<b>x</b>' } }));
    expect(email.html).toContain('Hello &lt;b&gt;x&lt;/b&gt;,');
  });
});
