import { roleName } from '../../notifications/texts/notification-text';
import { renderEmail } from './email-layout';
import type { InvitationEmailInput, RenderedEmail } from './email-template';
import { translator } from './translator';

/**
 * An invitation to someone who may have no account yet: everything it needs is in the input, and its one link
 * (`acceptUrl`) carries the secret. No settings or unsubscribe links: there is no account to attach them to.
 */
export function renderInvitationEmail(input: InvitationEmailInput): RenderedEmail {
  const tr = translator(input.locale, input.timeZone);
  const params = { group: input.groupName, role: roleName(input.role, tr) };
  const sentence = input.inviterName
    ? tr.t('email.invitation.text', { ...params, inviter: input.inviterName })
    : tr.t('email.invitation.textAnonymous', params);
  return renderEmail(
    {
      subject: sentence,
      preview: sentence,
      blocks: [
        { kind: 'heading', text: sentence },
        { kind: 'paragraph', text: tr.t('email.greetingAnonymous') },
        { kind: 'paragraph', text: tr.t('email.invitation.about') },
        {
          kind: 'facts',
          rows: [
            [tr.t('email.group'), input.groupName],
            [tr.t('email.role'), params.role],
          ],
        },
        { kind: 'button', label: tr.t('email.invitation.accept'), url: input.acceptUrl, showUrl: true },
        {
          kind: 'paragraph',
          text: tr.t('email.invitation.expires', { date: tr.formatInstant(input.expiresAt) }),
          muted: true,
        },
      ],
      footer: [{ kind: 'paragraph', text: tr.t('email.invitation.ignore') }],
    },
    tr,
  );
}
