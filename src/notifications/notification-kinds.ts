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
  // Everything about an action item reaches only those responsible for it: personal, like an assignment.
  'action.assigned': 'personal',
  'action.status-changed': 'personal',
  'action.commented': 'personal',
  'action.due-soon': 'personal',
  'action.overdue': 'personal',
} as const satisfies Record<string, 'personal' | 'activity'>;

export type NotificationType = keyof typeof NOTIFICATION_KINDS;

export function wanted(type: NotificationType, level: NotificationLevel): boolean {
  if (level === 'none') return false;
  return level === 'all' || NOTIFICATION_KINDS[type] === 'personal';
}
