import * as shared from '../../../../src/notifications/texts/notification-text';
import type { NotificationData, NotificationDto, NotificationType } from '../../api/server-types';
import { translator } from '../../i18n/i18n';
import { notificationPath } from '../../../../src/notifications/notification-path';

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
  // The same path as the deep link in the notification's email.
  return notificationPath(n);
}

/**
 * Where a notification happened: its group and, when it is about one, the discussion or action item by title
 * (as named when it was stored). Null for rows stored before they kept names.
 */
export function notificationPlace(n: NotificationDto): { group: string; item: string | null } | null {
  const data = n.data as unknown as Record<string, unknown>;
  if (typeof data.groupName !== 'string' || !data.groupName) return null;
  const item =
    typeof data.threadTitle === 'string' ? data.threadTitle : typeof data.title === 'string' ? data.title : null;
  return { group: data.groupName, item: item || null };
}
