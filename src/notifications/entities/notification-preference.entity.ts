import { Column, Entity, PrimaryColumn } from 'typeorm';

export const NOTIFICATION_LEVELS = ['all', 'mentions-and-assignments', 'none'] as const;
export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number];

/** Absent row means 'all'. */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @Column({ type: 'varchar', length: 32 })
  level: NotificationLevel;
}
