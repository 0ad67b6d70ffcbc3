import { Notification } from '../entities/notification.entity';

export class NotificationDto {
  id: string;
  type: string;
  groupId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  /** Plain text; clients render it as text, never as HTML. */
  text: string;
  data: Record<string, unknown>;
  read: boolean;
  createdAt: string;
}

export function toNotificationDto(row: Notification): NotificationDto {
  return {
    id: row.id,
    type: row.type,
    groupId: row.groupId,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    text: row.text,
    data: row.data,
    read: row.readAt !== null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
