import { renderEmail } from './email-layout';
import type { RenderedEmail, SecurityEmailInput } from './email-template';
import { translator } from './translator';

const TEXTS = {
  'password-reset': {
    subject: 'email.passwordReset.subject',
    text: 'email.passwordReset.text',
    button: 'email.passwordReset.button',
    ignore: 'email.passwordReset.ignore',
  },
  'email-verification': {
    subject: 'email.verification.subject',
    text: 'email.verification.text',
    button: 'email.verification.button',
    ignore: 'email.verification.ignore',
  },
  'account-exists': {
    subject: 'email.accountExists.subject',
    text: 'email.accountExists.text',
    button: 'email.accountExists.button',
    ignore: 'email.accountExists.ignore',
  },
} as const;

/**
 * A one-time link for the account itself (password reset, email verification), or a warning that someone tried to
 * register its address (with links to sign in and to reset the password, no secret). It is sent whatever the reader's
 * notification settings say, so it has no unsubscribe link; it says when the link expires, in the reader's time.
 */
export function renderSecurityEmail(input: SecurityEmailInput): RenderedEmail {
  const { reader } = input;
  const tr = translator(reader.locale, reader.timeZone);
  const texts = TEXTS[input.kind];
  const subject = tr.t(texts.subject);
  return renderEmail(
    {
      subject,
      preview: tr.t(texts.text),
      blocks: [
        { kind: 'heading', text: subject },
        { kind: 'paragraph', text: tr.t('email.greeting', { name: reader.displayName }) },
        { kind: 'paragraph', text: tr.t(texts.text) },
        { kind: 'button', label: tr.t(texts.button), url: input.url, showUrl: true },
        ...(input.expiresAt
          ? [
              {
                kind: 'paragraph' as const,
                text: tr.t('email.linkExpires', { date: tr.formatInstant(input.expiresAt) }),
                muted: true,
              },
            ]
          : []),
        ...(input.resetUrl
          ? [{ kind: 'button' as const, label: tr.t('email.passwordReset.button'), url: input.resetUrl, showUrl: true }]
          : []),
      ],
      footer: [{ kind: 'paragraph', text: tr.t(texts.ignore) }],
    },
    tr,
  );
}
