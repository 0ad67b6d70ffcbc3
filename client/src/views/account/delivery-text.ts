import type { Delivery, DigestFrequency, NotificationType } from '../../api/server-types';
import { t } from '../../i18n/i18n';
import { notificationTitle } from '../notifications/notification-text';

/** A notification type's name: the notification's own title where there is one. */
export function typeName(type: NotificationType): string {
  if (type === 'message.replied') return t('mailSettings.typeReplied');
  if (type === 'action.due-changed') return t('mailSettings.typeDueChanged');
  return notificationTitle({ type });
}

/** The digest is named by how often it comes, so "digest" says when the email will arrive. */
export function deliveryText(delivery: Delivery, digest: DigestFrequency): string {
  return delivery === 'digest' ? t(`delivery.digest.${digest}`) : t(`delivery.${delivery}`);
}
