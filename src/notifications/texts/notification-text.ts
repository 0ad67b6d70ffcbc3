import type { Role } from '../../access/permission';
import type { Priority } from '../../action-items/entities/action-item.entity';
import type { ActionStatus } from '../../action-items/status-transitions';
import type { Outcome } from '../../threads/entities/thread.entity';
import type { NotificationData, NotificationType } from '../notification-kinds';
import type { NotificationTextKey } from './en';

/*
 * How every reader says a notification, from its type and data: the web client (with its own t/tn/formatDay) and the
 * emails (with src/mail/templates/translator.ts) call these same functions, so the two never drift apart. Pure and
 * free of DOM and Node APIs because both sides bundle it. Results are plain text: callers escape them for HTML.
 */

export type TextParams = Record<string, string | number>;

/** The plural families of a set of keys: `groups.unread` for `groups.unread.one` … `groups.unread.other`. */
export type PluralKey<K extends string> = K extends `${infer Family}.other` ? Family : never;

/** The little a renderer needs from a language: fill a text, pick a plural form, show a calendar date. */
export interface Translator<K extends string = NotificationTextKey> {
  t(key: K, params?: TextParams): string;
  tn(key: PluralKey<K>, count: number, params?: TextParams): string;
  /** A calendar date (YYYY-MM-DD) shown as that same day wherever the reader is. */
  formatDay(day: string): string;
}

/** A notification as stored (type + data), whatever else the caller's row carries. */
export type NotificationFacts = { [T in NotificationType]: { type: T; data: NotificationData[T] } }[NotificationType];

export const roleName = (role: Role, tr: Translator): string =>
  ({ facilitator: tr.t('role.facilitator'), member: tr.t('role.member'), observer: tr.t('role.observer') })[role];

export const statusName = (status: ActionStatus, tr: Translator): string =>
  ({
    open: tr.t('status.open'),
    'in-progress': tr.t('status.inProgress'),
    blocked: tr.t('status.blocked'),
    done: tr.t('status.done'),
    cancelled: tr.t('status.cancelled'),
  })[status];

export const priorityName = (priority: Priority, tr: Translator): string =>
  ({ high: tr.t('priority.high'), medium: tr.t('priority.medium'), low: tr.t('priority.low') })[priority];

export const outcomeName = (outcome: Outcome, tr: Translator): string =>
  ({
    adopted: tr.t('outcome.adopted'),
    'adopted-with-changes': tr.t('outcome.adoptedWithChanges'),
    'not-adopted': tr.t('outcome.notAdopted'),
  })[outcome];

const TITLES: Record<NotificationType, NotificationTextKey> = {
  'member.invited': 'notification.invited',
  'member.added': 'notification.added',
  'member.role-changed': 'notification.roleChanged',
  'message.mentioned': 'notification.mentioned',
  'message.replied': 'notification.replied',
  'recommendation.created': 'notification.recommendationCreated',
  'recommendation.closed': 'notification.recommendationClosed',
  'action.assigned': 'notification.actionAssigned',
  'action.due-changed': 'notification.actionDueChanged',
  'action.status-changed': 'notification.actionStatus',
  'action.commented': 'notification.actionCommented',
  'action.due-soon': 'notification.actionDueSoon',
  'action.overdue': 'notification.actionOverdue',
  'action.claimed': 'notification.actionClaimed',
  'action.claim-decided': 'notification.actionClaimDecided',
  'recommendation.review': 'notification.recommendationReview',
  'action.check-in': 'notification.actionCheckIn',
};

/** A figure in percent; a dash where nothing counts. */
const percent = (value: number | null): string => (value === null ? '—' : `${value}%`);

/** A short title per type. `type` is a plain string because a client may meet a type newer than itself. */
export function notificationTitle(n: { type: string }, tr: Translator): string {
  if (Object.hasOwn(TITLES, n.type)) return tr.t(TITLES[n.type as NotificationType]);
  return n.type.startsWith('action.') ? tr.t('notification.action') : tr.t('notification.other');
}

/** What happened, in one sentence, with the names as they were when the notification was stored. */
export function notificationText(n: NotificationFacts, tr: Translator): string {
  const actor = n.data.actorName ?? tr.t('notificationText.someone');
  const group = n.data.groupName;
  switch (n.type) {
    case 'member.invited':
      return tr.t('notificationText.invited', {
        actor: n.data.actorName ?? tr.t('notificationText.aFacilitator'),
        group,
        role: roleName(n.data.role, tr),
      });
    case 'member.added':
      return tr.t('notificationText.added', { group, role: roleName(n.data.role, tr) });
    case 'member.role-changed':
      return tr.t('notificationText.roleChanged', { group, role: roleName(n.data.role, tr) });
    case 'message.mentioned':
      return tr.t('notificationText.mentioned', { actor, thread: n.data.threadTitle });
    case 'message.replied':
      return tr.t('notificationText.replied', { actor, thread: n.data.threadTitle });
    case 'recommendation.created':
      return tr.t('notificationText.recommendationCreated', { title: n.data.threadTitle });
    case 'recommendation.closed':
      return n.data.outcome
        ? tr.t('notificationText.recommendationClosed', {
            outcome: outcomeName(n.data.outcome, tr),
            title: n.data.threadTitle,
          })
        : tr.t('notificationText.recommendationClosedPlain', { title: n.data.threadTitle });
    case 'action.assigned':
      if (n.data.reassigned) return tr.t('notificationText.actionReassigned', { title: n.data.title });
      return n.data.dueDate
        ? tr.t('notificationText.actionNewDue', { title: n.data.title, date: tr.formatDay(n.data.dueDate) })
        : tr.t('notificationText.actionNew', { title: n.data.title });
    case 'action.due-changed':
      return n.data.dueDate
        ? tr.t('notificationText.actionDueChanged', { title: n.data.title, date: tr.formatDay(n.data.dueDate) })
        : tr.t('notificationText.actionDueRemoved', { title: n.data.title });
    case 'action.status-changed':
      return tr.t('notificationText.actionStatus', {
        title: n.data.title,
        previous: statusName(n.data.previous, tr),
        status: statusName(n.data.status, tr),
      });
    case 'action.commented':
      return tr.t(n.data.kind === 'progress' ? 'notificationText.actionProgress' : 'notificationText.actionCommented', {
        actor,
        title: n.data.title,
      });
    case 'action.due-soon':
      return tr.t('notificationText.actionDueSoon', { title: n.data.title, date: tr.formatDay(n.data.dueDate) });
    case 'action.overdue':
      return tr.t('notificationText.actionOverdue', { title: n.data.title, date: tr.formatDay(n.data.dueDate) });
    case 'action.claimed':
      return tr.t('notificationText.actionClaimed', { actor, title: n.data.title, percent: n.data.percent });
    case 'action.claim-decided':
      if (n.data.state === 'verified')
        return tr.t('notificationText.actionClaimVerified', { actor, title: n.data.title, percent: n.data.percent });
      return tr.t('notificationText.actionClaimReturned', {
        actor,
        title: n.data.title,
        percent: n.data.percent,
        reason: n.data.reason ?? '',
      });
    case 'recommendation.review':
      return tr.t('notificationText.recommendationReview', {
        title: n.data.threadTitle,
        claimed: percent(n.data.claimed),
        verified: percent(n.data.verified),
      });
    case 'action.check-in':
      return tr.t('notificationText.actionCheckIn', { title: n.data.title });
    default:
      // A type newer than this reader: its title (the generic one) is all there is to say.
      return '';
  }
}

/** A line under the text that some notifications need: what to do about them. */
export function notificationHint(n: { type: string }, tr: Translator): string | null {
  return n.type === 'member.invited' ? tr.t('notification.invitedHint') : null;
}
