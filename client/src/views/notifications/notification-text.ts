import type { NotificationDto } from '../../api/server-types';
import { t } from '../../i18n/i18n';

/**
 * A translated title per notification type. The server's `text` is English and is shown beneath it as the
 * detail (plain text, never HTML).
 */
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
      return n.type.startsWith('action.') ? t('notification.action') : t('notification.other');
  }
}

/** A line under the title that some notifications need: what to do about them. */
export function notificationHint(n: Pick<NotificationDto, 'type'>): string | null {
  return n.type === 'member.invited' ? t('notification.invitedHint') : null;
}

/** Where a notification leads in the client. */
export function notificationHref(n: NotificationDto): string | null {
  const threadId = typeof n.data.threadId === 'string' ? n.data.threadId : null;
  switch (n.subjectType) {
    case 'message':
      return threadId && n.groupId ? `/groups/${n.groupId}/threads/${threadId}?message=${n.subjectId}` : null;
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
