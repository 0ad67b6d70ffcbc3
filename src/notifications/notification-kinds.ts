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
  /** Someone answered the reader's message (`subjectId` is the reply). */
  'message.replied': NotificationContext & { threadId: string; threadTitle: string };
  'recommendation.created': NotificationContext & { threadTitle: string };
  'recommendation.closed': NotificationContext & { threadTitle: string; outcome: Outcome | null };
  /** `reassigned`: the item existed and its focal person or lead organization changed to take the reader in. */
  'action.assigned': NotificationContext & { title: string; dueDate: string | null; reassigned: boolean };
  'action.due-changed': NotificationContext & { title: string; dueDate: string | null; previous: string | null };
  'action.status-changed': NotificationContext & { title: string; status: ActionStatus; previous: ActionStatus };
  'action.commented': NotificationContext & { title: string; kind: 'comment' | 'progress' };
  'action.due-soon': NotificationContext & { title: string; dueDate: string };
  'action.overdue': NotificationContext & { title: string; dueDate: string };
  /** Those responsible claimed progress: a facilitator or the verifier organization is to verify it. */
  'action.claimed': NotificationContext & { title: string; percent: number };
  /** A claim was verified or returned (with the reason). */
  'action.claim-decided': NotificationContext & {
    title: string;
    percent: number;
    state: 'verified' | 'returned';
    reason: string | null;
  };
  /**
   * A closed recommendation's review date came: its review thread (`subjectId`) is open and the reader's
   * organization is asked to restate its position. The figures are the review's, in percent (null: nothing counts).
   */
  'recommendation.review': NotificationContext & {
    threadTitle: string;
    recommendationId: string;
    reviewThreadId: string;
    reviewDate: string;
    claimed: number | null;
    verified: number | null;
    overdue: number;
  };
  /** A scheduled check-in asks those responsible for an action item how far it has got. */
  'action.check-in': NotificationContext & { title: string; dueDate: string | null; everyDays: number };
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
  'message.replied': 'personal',
  'recommendation.created': 'activity',
  'recommendation.closed': 'activity',
  // Everything about an action item reaches only those responsible for it: personal, like an assignment.
  'action.assigned': 'personal',
  'action.due-changed': 'personal',
  'action.status-changed': 'personal',
  'action.commented': 'personal',
  'action.due-soon': 'personal',
  'action.overdue': 'personal',
  'action.claimed': 'personal',
  'action.claim-decided': 'personal',
  // Both ask the reader to act (restate a position, report progress).
  'recommendation.review': 'personal',
  'action.check-in': 'personal',
} as const satisfies Record<NotificationType, 'personal' | 'activity'>;

export function wanted(type: NotificationType, level: NotificationLevel): boolean {
  if (level === 'none') return false;
  return level === 'all' || NOTIFICATION_KINDS[type] === 'personal';
}

/** How a reader wants one kind of notification: not at all, in the app, also by email at once, or in the digest. */
export const DELIVERIES = ['off', 'in-app', 'email', 'digest'] as const;
export type Delivery = (typeof DELIVERIES)[number];

export const NOTIFICATION_TYPES = Object.keys(NOTIFICATION_KINDS) as NotificationType[];

/**
 * Each type's delivery until the reader chooses, and whether its email may go out at any hour (`urgent`) or waits
 * for the reader's working hours. What someone must act on is emailed; chatter about an action goes to the digest.
 */
export const EMAIL_DEFAULTS = {
  'member.invited': { delivery: 'email', urgent: true },
  'member.added': { delivery: 'email', urgent: false },
  'member.role-changed': { delivery: 'email', urgent: false },
  'message.mentioned': { delivery: 'email', urgent: true },
  'message.replied': { delivery: 'email', urgent: true },
  'recommendation.created': { delivery: 'email', urgent: false },
  'recommendation.closed': { delivery: 'email', urgent: false },
  'action.assigned': { delivery: 'email', urgent: true },
  'action.due-changed': { delivery: 'email', urgent: false },
  'action.status-changed': { delivery: 'email', urgent: false },
  'action.commented': { delivery: 'digest', urgent: false },
  'action.due-soon': { delivery: 'email', urgent: false },
  'action.overdue': { delivery: 'email', urgent: false },
  'action.claimed': { delivery: 'email', urgent: false },
  'action.claim-decided': { delivery: 'email', urgent: false },
  'recommendation.review': { delivery: 'email', urgent: false },
  'action.check-in': { delivery: 'email', urgent: false },
} as const satisfies Record<NotificationType, { delivery: Delivery; urgent: boolean }>;

/**
 * The types a reader chooses the delivery of. An invitation notice is not among them: the invitation itself is
 * emailed to the invited address, so its in-app notice never is.
 */
export const CONFIGURABLE_TYPES = NOTIFICATION_TYPES.filter((type) => type !== 'member.invited');

/** Whether a notification stored with this delivery is emailed: now, in the digest, or not. */
export function emailOf(type: NotificationType, delivery: Delivery): 'none' | 'now' | 'digest' {
  if (type === 'member.invited') return 'none';
  return delivery === 'email' ? 'now' : delivery === 'digest' ? 'digest' : 'none';
}
