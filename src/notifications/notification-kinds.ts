import type { Role } from '../access/permission';
import type { ActionStatus } from '../action-items/status-transitions';
import type { Outcome } from '../threads/entities/thread.entity';
import type { NotificationLevel } from './entities/notification-preference.entity';

/**
 * Who did it and where, as ids and as the names shown at the time: enough for any reader's client to say it in
 * their own language without asking the server again. A reminder has no actor.
 */
export interface NotificationContext {
  groupName: string;
  actorId: string | null;
  actorName: string | null;
}

/**
 * What each type of notification stores besides its context: never prose, only the facts a client renders in the
 * reader's language (see client/src/views/notifications/notification-text.ts). Dates are YYYY-MM-DD.
 */
export interface NotificationData {
  'member.invited': NotificationContext & { invitationId: string; role: Role };
  'member.added': NotificationContext & { role: Role };
  'member.role-changed': NotificationContext & { role: Role; previous: Role };
  'message.mentioned': NotificationContext & { threadId: string; threadTitle: string };
  'recommendation.created': NotificationContext & { threadTitle: string };
  'recommendation.closed': NotificationContext & { threadTitle: string; outcome: Outcome | null };
  /** `reassigned`: the item existed and its focal person or lead organization changed to take the reader in. */
  'action.assigned': NotificationContext & { title: string; dueDate: string | null; reassigned: boolean };
  'action.status-changed': NotificationContext & { title: string; status: ActionStatus; previous: ActionStatus };
  'action.commented': NotificationContext & { title: string; kind: 'comment' | 'progress' };
  'action.due-soon': NotificationContext & { title: string; dueDate: string };
  'action.overdue': NotificationContext & { title: string; dueDate: string };
}

export type NotificationType = keyof NotificationData;

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
} as const satisfies Record<NotificationType, 'personal' | 'activity'>;

export function wanted(type: NotificationType, level: NotificationLevel): boolean {
  if (level === 'none') return false;
  return level === 'all' || NOTIFICATION_KINDS[type] === 'personal';
}
