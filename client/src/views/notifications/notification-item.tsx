import type { NotificationDto } from '../../api/server-types';
import { arrived, markRead } from '../../live/notifications';
import { t } from '../../i18n/i18n';
import { navigate } from '../../router';
import { Time } from '../../ui/time';
import {
  notificationHint,
  notificationHref,
  notificationPlace,
  notificationText,
  notificationTitle,
} from './notification-text';

/** Marks a notification read (here and in what arrived live) and opens what it is about. */
export async function openNotification(n: NotificationDto, onRead: (id: string) => void): Promise<void> {
  if (!n.read) {
    await markRead([n.id]).catch(() => undefined);
    onRead(n.id);
    arrived.value = arrived.value.map((x) => (x.id === n.id ? { ...x, read: true } : x));
  }
  const href = notificationHref(n);
  if (href) navigate(href);
}

/** One notification as a button: what happened, where (group, discussion or action), an excerpt, and when. */
export function NotificationItem({ n, onOpen }: { n: NotificationDto; onOpen: (n: NotificationDto) => void }) {
  const place = notificationPlace(n);
  const hint = notificationHint(n);
  return (
    <li class={n.read ? 'notification' : 'notification unread'}>
      <button type="button" class="notification-open" onClick={() => onOpen(n)}>
        <strong>{notificationTitle(n)}</strong>
        {!n.read && <span class="visually-hidden"> ({t('notifications.unreadMark')})</span>}
        <span class="notification-text" dir="auto">
          {notificationText(n)}
        </span>
        {place && (
          <span class="notification-place" data-testid="notification-place">
            {place.item
              ? t('notifications.placeItem', { group: place.group, item: place.item })
              : t('notifications.placeGroup', { group: place.group })}
          </span>
        )}
        {n.excerpt && (
          <span class="notification-excerpt" dir="auto" data-testid="notification-excerpt">
            {n.excerpt}
          </span>
        )}
        {hint && <span class="notification-text">{hint}</span>}
        <Time iso={n.createdAt} />
      </button>
    </li>
  );
}
