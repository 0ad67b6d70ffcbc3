import * as shared from '../../../../src/notifications/texts/notification-text';
import type { NotificationData, NotificationDto, NotificationType } from '../../api/server-types';
import { translator } from '../../i18n/i18n';

/** A notification stored as type + data (every one since they stopped storing English prose). */
type Rendered = { [K in NotificationType]: NotificationDto<K> & { data: NotificationData[K] } }[NotificationType];

/** Rows stored before carry only their English text (and whatever data they had): that is all there is to show. */
function rendered(n: NotificationDto): n is Rendered {
  return !('text' in n.data);
}

/** A translated title per notification type (a type newer than this client gets a generic one). */
export function notificationTitle(n: Pick<NotificationDto, 'type'>): string {
  return shared.notificationTitle(n, translator);
}

/**
 * What happened, in the reader's language, from the notification's type and data (names as they were when it was
 * stored). Plain text: views render it as text, never as HTML. The sentences are the emails' too.
 */
export function notificationText(n: NotificationDto): string {
  if (!rendered(n)) return 'text' in n.data ? n.data.text : '';
  return shared.notificationText(n, translator);
}

/** A line under the text that some notifications need: what to do about them. */
export function notificationHint(n: Pick<NotificationDto, 'type'>): string | null {
  return shared.notificationHint(n, translator);
}

/** Where a notification leads in the client. */
export function notificationHref(n: NotificationDto): string | null {
  switch (n.subjectType) {
    case 'message': {
      // A mention or a reply (message.replied): the message, in its thread.
      const threadId = 'threadId' in n.data && typeof n.data.threadId === 'string' ? n.data.threadId : null;
      return threadId && n.groupId ? `/groups/${n.groupId}/threads/${threadId}?message=${n.subjectId}` : null;
    }
    case 'thread':
      return n.groupId ? `/groups/${n.groupId}/threads/${n.subjectId}` : null;
    case 'group':
      return n.groupId ? `/groups/${n.groupId}` : null;
    case 'invitation':
      // Accepting needs the secret link the facilitator sent; the notice only says an invitation is waiting.
      return null;
    case 'action':
      // Every action.* type, the due-date change (action.due-changed) included.
      return n.subjectId ? `/actions/${n.subjectId}` : null;
    default:
      return n.groupId ? `/groups/${n.groupId}` : null;
  }
}
