import { api, apiText, withQuery } from './http';
import type {
  MailScheduleDto,
  NotificationSettingsDto,
  OutgoingMailDto,
  UpdateNotificationSettingDto,
  UserDto,
} from './server-types';

/** The reader's delivery per notification type (in the app, email at once, in the digest, or not at all). */
export const loadNotificationSettings = () => api<NotificationSettingsDto>('GET', '/me/notification-settings');
export const saveNotificationSetting = (setting: UpdateNotificationSettingDto) =>
  api<NotificationSettingsDto>('PUT', '/me/notification-settings', setting);

/** When email reaches the reader: time zone, days off, working hours, digest. */
export const saveMailSchedule = (schedule: Partial<MailScheduleDto>) => api<UserDto>('PATCH', '/me', schedule);

/** The workspace admin's: the newest outgoing emails, page by page, and one written email as raw text. */
export const loadOutgoingMail = (cursor: string | null) =>
  api<OutgoingMailDto>('GET', withQuery('/admin/outgoing-mail', { cursor, limit: 50 }));
export const loadWrittenMessage = (id: string) => apiText(`/admin/outgoing-mail/${id}/message`);
