import { useEffect, useState } from 'preact/hooks';
import { api, withQuery } from '../../api/http';
import type { NotificationDto } from '../../api/server-types';
import { arrived, markRead, unreadCount } from '../../live/notifications';
import { t, tn } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { Link } from '../../ui/link';
import { Page } from '../../ui/page';
import { NotificationItem, openNotification } from './notification-item';

interface NotificationPage {
  items: NotificationDto[];
  nextCursor: string | null;
  unreadCount: number;
}

export function NotificationsPage() {
  const [items, setItems] = useState<NotificationDto[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = async (after: string | null) => {
    const page = await api<NotificationPage>(
      'GET',
      withQuery('/notifications', { unread: onlyUnread || undefined, cursor: after, limit: 30 }),
    );
    setItems((list) => (after ? [...(list ?? []), ...page.items] : page.items));
    setCursor(page.nextCursor);
    unreadCount.value = page.unreadCount;
  };

  useEffect(() => {
    load(null).catch(setError);
  }, [onlyUnread]);

  // New ones arrive live at the top.
  const shown = [...arrived.value.filter((n) => !items?.some((x) => x.id === n.id)), ...(items ?? [])];

  const open = (n: NotificationDto) =>
    void openNotification(n, (id) =>
      setItems((list) => list?.map((x) => (x.id === id ? { ...x, read: true } : x)) ?? null),
    );

  return (
    <Page
      title={t('notifications.title')}
      actions={
        <button
          type="button"
          class="button-quiet"
          disabled={unreadCount.value === 0}
          onClick={() =>
            markRead('all').then(() => {
              setItems((list) => list?.map((x) => ({ ...x, read: true })) ?? null);
              arrived.value = arrived.value.map((x) => ({ ...x, read: true }));
            }, setError)
          }
        >
          {t('notifications.markAll')}
        </button>
      }
    >
      <p role="status">{tn('notifications.unread', unreadCount.value)}</p>
      <p>
        <Link href="/me/notifications">{t('mailSettings.link')}</Link>
      </p>
      <label class="choice">
        <input type="checkbox" checked={onlyUnread} onChange={(e) => setOnlyUnread(e.currentTarget.checked)} />{' '}
        {t('notifications.onlyUnread')}
      </label>
      <ErrorNote error={error} />
      {items === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : shown.length === 0 ? (
        <p class="muted">{t('notifications.none')}</p>
      ) : (
        <ul class="notification-list" data-testid="notifications">
          {shown.map((n) => (
            <NotificationItem key={n.id} n={n} onOpen={open} />
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" class="button-quiet" onClick={() => load(cursor).catch(setError)}>
          {t('common.more')}
        </button>
      )}
    </Page>
  );
}
