import { signal } from '@preact/signals';
import { api } from '../api/http';
import type { NotificationDto } from '../api/server-types';
import { announce } from '../ui/live-region';
import { onConnected, onServer } from './socket';
import { notificationTitle } from '../views/notifications/notification-text';

/** The bell's number, kept live by `notification` pushes and refreshed on every reconnect. */
export const unreadCount = signal(0);
/** Notifications that arrived live in this tab, newest first, for views that are open. */
export const arrived = signal<NotificationDto[]>([]);

async function refreshCount(): Promise<void> {
  try {
    unreadCount.value = (await api<{ unreadCount: number }>('GET', '/notifications/unread-count')).unreadCount;
  } catch {
    // Kept as it was; the next reconnect tries again.
  }
}

export function startNotifications(): void {
  // Pushes are at most once and notifications have no feed: the count is read again after every reconnect.
  onConnected(() => void refreshCount());
  onServer('notification', ({ unreadCount: count, ...notification }) => {
    unreadCount.value = count;
    arrived.value = [notification, ...arrived.value.filter((n) => n.id !== notification.id)].slice(0, 50);
    announce(notificationTitle(notification));
  });
}

export async function markRead(ids: string[] | 'all'): Promise<void> {
  const answer = await api<{ unreadCount: number }>(
    'POST',
    '/notifications/read',
    ids === 'all' ? { all: true } : { ids },
  );
  unreadCount.value = answer.unreadCount;
}

export function clearNotifications(): void {
  unreadCount.value = 0;
  arrived.value = [];
}
