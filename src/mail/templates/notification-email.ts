import { notificationHint, notificationText, notificationTitle } from '../../notifications/texts/notification-text';
import { renderEmail, type EmailBlock } from './email-layout';
import type { EmailNotification, NotificationEmailInput, NotificationLinks, RenderedEmail } from './email-template';
import { translator, type EmailTranslator } from './translator';

/**
 * One notification as an email in the reader's language: the same sentence the web client shows, what it is about,
 * the excerpt quoted, one button to open it, and the way out (settings, unsubscribe) in the footer.
 */
export function renderNotificationEmail(input: NotificationEmailInput): RenderedEmail {
  const { reader, notification: n, links } = input;
  const tr = translator(reader.locale, reader.timeZone);
  const sentence = notificationText(n, tr);
  const hint = notificationHint(n, tr);
  const blocks: EmailBlock[] = [
    { kind: 'heading', text: notificationTitle(n, tr) },
    { kind: 'paragraph', text: tr.t('email.greeting', { name: reader.displayName }) },
    { kind: 'paragraph', text: sentence },
    { kind: 'facts', rows: facts(n, tr) },
  ];
  if (input.excerpt?.trim()) blocks.push({ kind: 'quote', text: input.excerpt });
  if (hint) blocks.push({ kind: 'paragraph', text: hint });
  blocks.push({ kind: 'button', label: tr.t('email.open'), url: links.open });
  if (input.replyByEmail) {
    // About an action item, a reply is a progress note on it (see EmailComposer).
    const text = n.type.startsWith('action.') ? tr.t('email.replyByEmailProgress') : tr.t('email.replyByEmail');
    blocks.push({ kind: 'paragraph', text, muted: true });
  }
  blocks.push({ kind: 'paragraph', text: tr.formatInstant(n.createdAt), muted: true });
  return renderEmail(
    {
      // "[Group] What happened": inboxes sort and filter by the group, and the sentence is the whole news.
      subject: `[${n.data.groupName}] ${sentence}`,
      preview: sentence,
      blocks,
      footer: settingsFooter(links, tr),
    },
    tr,
  );
}

/** The context lines: the group, and the discussion or action the notification is about. */
export function facts(n: EmailNotification, tr: EmailTranslator): [string, string][] {
  const rows: [string, string][] = [[tr.t('email.group'), n.data.groupName]];
  switch (n.type) {
    case 'message.mentioned':
    case 'message.replied':
      rows.push([tr.t('email.thread'), n.data.threadTitle]);
      break;
    case 'recommendation.created':
    case 'recommendation.closed':
    case 'recommendation.review':
      rows.push([tr.t('email.recommendation'), n.data.threadTitle]);
      break;
    case 'action.assigned':
    case 'action.due-changed':
    case 'action.status-changed':
    case 'action.commented':
    case 'action.due-soon':
    case 'action.overdue':
    case 'action.claimed':
    case 'action.claim-decided':
    case 'action.check-in':
      rows.push([tr.t('email.action'), n.data.title]);
      break;
    case 'member.invited':
    case 'member.added':
    case 'member.role-changed':
      break;
  }
  return rows;
}

/** Why the reader got this and the two ways to change it; the digest has the same. */
export function settingsFooter(links: Omit<NotificationLinks, 'open'>, tr: EmailTranslator): EmailBlock[] {
  return [
    { kind: 'paragraph', text: tr.t('email.why') },
    {
      kind: 'links',
      items: [
        { text: tr.t('email.settings'), url: links.preferences },
        { text: tr.t('email.unsubscribe'), url: links.unsubscribe },
      ],
    },
  ];
}
