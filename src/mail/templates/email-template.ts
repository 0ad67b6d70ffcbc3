import type { Role } from '../../access/permission';
import type { Locale } from '../../users/entities/user.entity';
import type { NotificationData, NotificationType } from '../../notifications/notification-kinds';

/** One email as it is sent: a subject line, an HTML part and a plain-text part saying the same. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Whom an email is for: their language and the time zone its dates are shown in. */
export interface EmailReader {
  locale: Locale;
  /** IANA name, e.g. Africa/Cairo. */
  timeZone: string;
  displayName: string;
}

/** A stored notification as the email renders it: its type, that type's data and what it is about. */
export type EmailNotification = {
  [T in NotificationType]: {
    type: T;
    data: NotificationData[T];
    groupId: string | null;
    subjectType: string | null;
    subjectId: string | null;
    createdAt: string;
  };
}[NotificationType];

/** Every address an email links to, absolute (PUBLIC_URL + client path). */
export interface NotificationLinks {
  /** The thread, message, action or group the notification is about. */
  open: string;
  /** The reader's notification settings. */
  preferences: string;
  /** One click turns this kind of email off for this reader (RFC 8058). */
  unsubscribe: string;
}

export interface NotificationEmailInput {
  reader: EmailReader;
  notification: EmailNotification;
  links: NotificationLinks;
  /** The first lines of the message (mention, reply) or comment it is about, as plain text; null when none. */
  excerpt: string | null;
  /** True when replying to the email posts into the thread: the email says so. */
  replyByEmail: boolean;
}

export interface InvitationEmailInput {
  locale: Locale;
  timeZone: string;
  groupName: string;
  role: Role;
  inviterName: string | null;
  acceptUrl: string;
  expiresAt: string;
}

export interface DigestEmailInput {
  reader: EmailReader;
  period: 'daily' | 'weekly';
  /** What is still unread, grouped by group, in order. Never empty: an empty digest is not sent. */
  groups: { groupName: string; items: { notification: EmailNotification; link: string }[] }[];
  links: Omit<NotificationLinks, 'open'>;
}

export const SECURITY_EMAIL_KINDS = ['password-reset', 'email-verification', 'account-exists'] as const;
export type SecurityEmailKind = (typeof SECURITY_EMAIL_KINDS)[number];

export interface SecurityEmailInput {
  reader: EmailReader;
  kind: SecurityEmailKind;
  /** The one-time link; for `account-exists`, the sign-in page. */
  url: string;
  /** When the one-time link expires; none for `account-exists`, which carries no secret. */
  expiresAt: string | null;
  /** `account-exists` only: where to choose a new password. */
  resetUrl?: string;
}
