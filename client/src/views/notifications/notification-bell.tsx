import { useEffect, useRef, useState } from 'preact/hooks';
import { api, withQuery } from '../../api/http';
import type { NotificationDto } from '../../api/server-types';
import { arrived, markRead, unreadCount } from '../../live/notifications';
import { formatNumber, t, tn } from '../../i18n/i18n';
import { location } from '../../router';
import { ErrorNote } from '../../ui/form';
import { Icon } from '../../ui/icons';
import { Link } from '../../ui/link';
import { NotificationItem, openNotification } from './notification-item';

/** How many the bell's short list shows; "see all" opens the rest. */
const SHORT_LIST = 5;

/** The bell: its unread count, and on a click the latest few notifications in place, with a way to all of them. */
export function NotificationBell() {
  const count = unreadCount.value;
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<NotificationDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    api<{ items: NotificationDto[] }>('GET', withQuery('/notifications', { limit: SHORT_LIST })).then(
      (page) => setItems(page.items),
      setError,
    );
    const outside = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('click', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('click', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  // Any navigation (opening one, "see all", a link elsewhere) closes it.
  const path = location.value.path;
  useEffect(() => setOpen(false), [path]);

  const shown = [...arrived.value.filter((n) => !items?.some((x) => x.id === n.id)), ...(items ?? [])].slice(
    0,
    SHORT_LIST,
  );
  const markAsRead = (id: string) =>
    setItems((list) => list?.map((x) => (x.id === id ? { ...x, read: true } : x)) ?? null);

  return (
    <div class="bell-menu" ref={root}>
      <button
        type="button"
        class="bell button-quiet"
        ref={button}
        aria-label={count > 0 ? tn('notifications.bellUnread', count) : t('notifications.title')}
        aria-expanded={open}
        aria-controls="bell-panel"
        data-testid="bell"
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name="bell" />
        {count > 0 && (
          <span class="badge" aria-hidden="true" data-testid="bell-count">
            {count > 99 ? `${formatNumber(99)}+` : formatNumber(count)}
          </span>
        )}
      </button>
      {open && (
        <section id="bell-panel" class="bell-panel" aria-labelledby="bell-panel-title" data-testid="bell-panel">
          <h2 id="bell-panel-title">{t('notifications.title')}</h2>
          <ErrorNote error={error} />
          {items === null && !error ? (
            <p role="status">{t('common.loading')}</p>
          ) : shown.length === 0 ? (
            <p class="muted">{t('notifications.none')}</p>
          ) : (
            <ul class="notification-list" data-testid="notifications">
              {shown.map((n) => (
                <NotificationItem key={n.id} n={n} onOpen={(x) => void openNotification(x, markAsRead)} />
              ))}
            </ul>
          )}
          <p class="bell-panel-footer">
            <Link href="/notifications">{t('notifications.seeAll')}</Link>
            {count > 0 && (
              <button
                type="button"
                class="button-link"
                onClick={() =>
                  markRead('all').then(() => {
                    setItems((list) => list?.map((x) => ({ ...x, read: true })) ?? null);
                    arrived.value = arrived.value.map((x) => ({ ...x, read: true }));
                  }, setError)
                }
              >
                {t('notifications.markAll')}
              </button>
            )}
          </p>
        </section>
      )}
    </div>
  );
}
