import type { NotificationData, NotificationType } from '../notification-kinds';

interface NotificationBase {
  id: string;
  groupId: string | null;
  /** What it is about: the kind and id of the object a client opens. */
  subjectType: string | null;
  subjectId: string | null;
  read: boolean;
  createdAt: string;
  /**
   * In list answers, for a notification about a message: its start as it reads now (the email quotes the same).
   * Null once the message is deleted or the reader has left its group.
   */
  excerpt?: string | null;
}

/**
 * Notifications stored before they kept type + data (migration 1764475200000) carry the English text they were
 * stored with, and whatever data they had; a client shows that text when it has nothing better. Migration
 * 1764900000000 rebuilt the data of those whose sentence it recognised (the old data kept under `legacy`).
 */
export interface LegacyNotificationData {
  text: string;
}

/** One notification: `data` narrows with `type`. */
export type NotificationDto<T extends NotificationType = NotificationType> = {
  [K in T]: NotificationBase & { type: K; data: NotificationData[K] | LegacyNotificationData };
}[T];

/** A notification as one notify() stored it, for its recipient. */
export interface StoredNotification {
  userId: string;
  notification: NotificationDto;
}
