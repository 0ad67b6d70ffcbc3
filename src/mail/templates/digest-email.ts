import { notificationText } from '../../notifications/texts/notification-text';
import { renderEmail, type EmailBlock } from './email-layout';
import type { DigestEmailInput, RenderedEmail } from './email-template';
import { settingsFooter } from './notification-email';
import { translator } from './translator';

/** The daily or weekly summary: what is still unread, group by group, each item linking to what it is about. */
export function renderDigestEmail(input: DigestEmailInput): RenderedEmail {
  const { reader } = input;
  const tr = translator(reader.locale, reader.timeZone);
  const heading = tr.t(input.period === 'daily' ? 'email.digest.daily' : 'email.digest.weekly');
  const blocks: EmailBlock[] = [
    { kind: 'heading', text: heading },
    { kind: 'paragraph', text: tr.t('email.greeting', { name: reader.displayName }) },
    { kind: 'paragraph', text: tr.t('email.digest.intro') },
  ];
  for (const group of input.groups) {
    // The contract says a digest lists only what is unread; a group left empty is dropped, not "0 unread".
    if (group.items.length === 0) continue;
    blocks.push(
      {
        kind: 'heading',
        level: 2,
        text: tr.tn('email.digest.unread', group.items.length, { group: group.groupName }),
      },
      {
        kind: 'links',
        items: group.items.map((item) => ({ text: notificationText(item.notification, tr), url: item.link })),
      },
    );
  }
  return renderEmail(
    {
      subject: tr.t(input.period === 'daily' ? 'email.digest.subjectDaily' : 'email.digest.subjectWeekly'),
      preview: input.groups
        .filter((group) => group.items.length > 0)
        .map((group) => tr.tn('email.digest.unread', group.items.length, { group: group.groupName }))
        .join(' · '),
      blocks,
      footer: settingsFooter(input.links, tr),
    },
    tr,
  );
}
