import { NotificationLevel } from './entities/notification-preference.entity';

/**
 * Every notification type and whether it is about the recipient personally (a mention, an assignment, a change to
 * their own membership) or general activity in the group. Preferences filter on this.
 */
export const NOTIFICATION_KINDS = {
  'member.invited': 'personal',
  'member.added': 'personal',
  'member.role-changed': 'personal',
  'message.mentioned': 'personal',
  'recommendation.created': 'activity',
  'recommendation.closed': 'activity',
} as const satisfies Record<string, 'personal' | 'activity'>;

export type NotificationType = keyof typeof NOTIFICATION_KINDS;

export function wanted(type: NotificationType, level: NotificationLevel): boolean {
  if (level === 'none') return false;
  return level === 'all' || NOTIFICATION_KINDS[type] === 'personal';
}
