import type { NotificationData, NotificationDto, NotificationType } from '../../api/server-types';
import { formatDay, t } from '../../i18n/i18n';
import { statusText } from '../actions/action-text';
import { roleText } from '../groups/role-label';
import { outcomeText } from '../threads/recommendation-text';

/** A notification stored as type + data (every one since they stopped storing English prose). */
type Rendered = { [K in NotificationType]: NotificationDto<K> & { data: NotificationData[K] } }[NotificationType];

/** Rows stored before carry only their English text (and whatever data they had): that is all there is to show. */
function rendered(n: NotificationDto): n is Rendered {
  return !('text' in n.data);
}

/** A translated title per notification type. */
export function notificationTitle(n: Pick<NotificationDto, 'type'>): string {
  switch (n.type) {
    case 'member.invited':
      return t('notification.invited');
    case 'member.added':
      return t('notification.added');
    case 'member.role-changed':
      return t('notification.roleChanged');
    case 'message.mentioned':
      return t('notification.mentioned');
    case 'recommendation.created':
      return t('notification.recommendationCreated');
    case 'recommendation.closed':
      return t('notification.recommendationClosed');
    case 'action.assigned':
      return t('notification.actionAssigned');
    case 'action.status-changed':
      return t('notification.actionStatus');
    case 'action.commented':
      return t('notification.actionCommented');
    case 'action.due-soon':
      return t('notification.actionDueSoon');
    case 'action.overdue':
      return t('notification.actionOverdue');
    default:
      // A type newer than this client.
      return (n.type as string).startsWith('action.') ? t('notification.action') : t('notification.other');
  }
}

/**
 * What happened, in the reader's language, from the notification's type and data (names as they were when it was
 * stored). Plain text: views render it as text, never as HTML.
 */
export function notificationText(n: NotificationDto): string {
  if (!rendered(n)) return 'text' in n.data ? n.data.text : '';
  const actor = n.data.actorName ?? t('notificationText.someone');
  const group = n.data.groupName;
  switch (n.type) {
    case 'member.invited':
      return t('notificationText.invited', {
        actor: n.data.actorName ?? t('notificationText.aFacilitator'),
        group,
        role: roleText(n.data.role),
      });
    case 'member.added':
      return t('notificationText.added', { group, role: roleText(n.data.role) });
    case 'member.role-changed':
      return t('notificationText.roleChanged', { group, role: roleText(n.data.role) });
    case 'message.mentioned':
      return t('notificationText.mentioned', { actor, thread: n.data.threadTitle });
    case 'recommendation.created':
      return t('notificationText.recommendationCreated', { title: n.data.threadTitle });
    case 'recommendation.closed':
      return n.data.outcome
        ? t('notificationText.recommendationClosed', {
            outcome: outcomeText(n.data.outcome),
            title: n.data.threadTitle,
          })
        : t('notificationText.recommendationClosedPlain', { title: n.data.threadTitle });
    case 'action.assigned':
      if (n.data.reassigned) return t('notificationText.actionReassigned', { title: n.data.title });
      return n.data.dueDate
        ? t('notificationText.actionNewDue', { title: n.data.title, date: formatDay(n.data.dueDate) })
        : t('notificationText.actionNew', { title: n.data.title });
    case 'action.status-changed':
      return t('notificationText.actionStatus', {
        title: n.data.title,
        previous: statusText(n.data.previous),
        status: statusText(n.data.status),
      });
    case 'action.commented':
      return t(n.data.kind === 'progress' ? 'notificationText.actionProgress' : 'notificationText.actionCommented', {
        actor,
        title: n.data.title,
      });
    case 'action.due-soon':
      return t('notificationText.actionDueSoon', { title: n.data.title, date: formatDay(n.data.dueDate) });
    case 'action.overdue':
      return t('notificationText.actionOverdue', { title: n.data.title, date: formatDay(n.data.dueDate) });
    default:
      return '';
  }
}

/** A line under the text that some notifications need: what to do about them. */
export function notificationHint(n: Pick<NotificationDto, 'type'>): string | null {
  return n.type === 'member.invited' ? t('notification.invitedHint') : null;
}

/** Where a notification leads in the client. */
export function notificationHref(n: NotificationDto): string | null {
  switch (n.subjectType) {
    case 'message': {
      const threadId = 'threadId' in n.data && typeof n.data.threadId === 'string' ? n.data.threadId : null;
      return threadId && n.groupId ? `/groups/${n.groupId}/threads/${threadId}?message=${n.subjectId}` : null;
    }
    case 'thread':
      return n.groupId ? `/groups/${n.groupId}/threads/${n.subjectId}` : null;
    case 'group':
      return n.groupId ? `/groups/${n.groupId}` : null;
    case 'invitation':
      // Accepting needs the secret link the facilitator sent; the notice only says an invitation is waiting.
      return null;
    case 'action':
      return n.subjectId ? `/actions/${n.subjectId}` : null;
    default:
      return n.groupId ? `/groups/${n.groupId}` : null;
  }
}
