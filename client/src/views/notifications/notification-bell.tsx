import { unreadCount } from '../../live/notifications';
import { formatNumber, t, tn } from '../../i18n/i18n';
import { Icon } from '../../ui/icons';
import { Link } from '../../ui/link';

export function NotificationBell() {
  const count = unreadCount.value;
  return (
    <Link
      href="/notifications"
      class="bell"
      aria-label={count > 0 ? tn('notifications.bellUnread', count) : t('notifications.title')}
      data-testid="bell"
    >
      <Icon name="bell" />
      {count > 0 && (
        <span class="badge" aria-hidden="true" data-testid="bell-count">
          {count > 99 ? `${formatNumber(99)}+` : formatNumber(count)}
        </span>
      )}
    </Link>
  );
}
