import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../common/openapi/page.dto';
import { NOTIFICATION_TYPES, type NotificationData, type NotificationType } from '../notification-kinds';

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

/** NotificationDto as OpenAPI documents it: `data` holds the facts of its `type` (notification-kinds.ts). */
export class NotificationItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_TYPES }) type: NotificationType;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'groupName, actorId, actorName and the facts of its type (ids, titles, roles, YYYY-MM-DD dates)',
  })
  data: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) groupId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The kind of object it is about' })
  subjectType: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) subjectId: string | null;
  @ApiProperty() read: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class NotificationPageDto extends PageOf(NotificationItemDto) {
  @ApiProperty({ type: 'integer' }) unreadCount: number;
}

export class UnreadCountDto {
  @ApiProperty({ type: 'integer' }) unreadCount: number;
}
