import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { SendMailOptions } from 'nodemailer';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { notificationPath, threadOf } from '../notifications/notification-path';
import { OutgoingEmail } from './entities/outgoing-email.entity';
import { MailRecipient, MailRepository, NotificationToSend } from './mail.repository';
import { unseal } from '../common/sealed-secret';
import { signUnsubscribe } from './mail-tokens';
import { renderDigestEmail } from './templates/digest-email';
import { EmailNotification, EmailReader, RenderedEmail, SecurityEmailKind } from './templates/email-template';
import { renderInvitationEmail } from './templates/invitation-email';
import { renderNotificationEmail } from './templates/notification-email';
import { renderSecurityEmail } from './templates/security-email';
import { ReplyAddresses } from './reply/reply-addresses';
import { LOOP_HEADER } from './inbound/mail-rules';

/** An email ready to go, or why it is no longer wanted. `sent` runs once the transport has it. */
export type Composed =
  { message: SendMailOptions; subject: string; messageId: string; sent?: () => Promise<void> } | { skip: string };

const EXCERPT_LENGTH = 400;

/**
 * Turns an outbox row into an email as of now: reads what it is about, checks it is still wanted (unread, the
 * reader still a member), renders it in the reader's language and adds the headers mail clients and servers act on.
 */
@Injectable()
export class EmailComposer {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: MailRepository,
    private readonly replies: ReplyAddresses,
  ) {}

  async compose(email: OutgoingEmail): Promise<Composed> {
    switch (email.kind) {
      case 'invitation':
        return this.invitation(email);
      case 'digest':
        return this.digest(email);
      case 'password-reset':
      case 'email-verification':
      case 'account-exists':
        return this.security(email, email.kind);
      default:
        return this.notification(email);
    }
  }

  private async notification(email: OutgoingEmail): Promise<Composed> {
    const n = email.notificationId ? await this.repository.notification(email.notificationId) : null;
    if (!n) return { skip: 'the notification no longer exists' };
    if (!n.member) return { skip: 'the reader is no longer a member of the group' };
    if (n.read) return { skip: 'the reader already read it in the app' };
    const reader = email.userId ? await this.repository.recipient(email.userId) : null;
    if (!reader) return { skip: 'the account no longer exists' };
    if (!reader.emailVerified) return { skip: 'the address is not confirmed' };
    const threadId = threadOf(n);
    // A reply goes where the email is about: into its thread, or as a progress note on its action item.
    const replyTo = threadId
      ? await this.replies.addressFor(reader.id, threadId)
      : n.subjectType === 'action' && n.subjectId
        ? await this.replies.addressForAction(reader.id, n.subjectId)
        : null;
    const excerpt =
      n.subjectType === 'message' && n.subjectId ? await this.repository.messageExcerpt(n.subjectId) : null;
    const rendered = renderNotificationEmail({
      reader: readerOf(reader),
      notification: toEmailNotification(n),
      links: { open: this.link(notificationPath(n) ?? '/notifications'), ...this.footer(reader.id, n.type) },
      excerpt: excerpt === null ? null : shorten(excerpt),
      replyByEmail: replyTo !== null,
    });
    const root = threadId ? `thread-${threadId}` : n.subjectType === 'action' ? `action-${n.subjectId}` : null;
    return this.message(email, reader.email, rendered, {
      root,
      list: n.groupId ? { id: n.groupId, name: n.groupName ?? '' } : null,
      unsubscribe: this.unsubscribeUrl(reader.id, n.type),
      replyTo,
    });
  }

  private async digest(email: OutgoingEmail): Promise<Composed> {
    const reader = email.userId ? await this.repository.recipient(email.userId) : null;
    if (!reader) return { skip: 'the account no longer exists' };
    const items = await this.repository.digestItems(reader.id, email.createdAt);
    if (items.length === 0) return { skip: 'nothing unread is left for the digest' };
    const groups = new Map<string, { groupName: string; items: { notification: EmailNotification; link: string }[] }>();
    for (const item of items) {
      const key = item.groupId ?? '';
      const group = groups.get(key) ?? { groupName: item.groupName ?? '', items: [] };
      group.items.push({ notification: toEmailNotification(item), link: this.link(notificationPath(item) ?? '/') });
      groups.set(key, group);
    }
    const payload = email.payload as { period?: 'daily' | 'weekly' };
    const rendered = renderDigestEmail({
      reader: readerOf(reader),
      period: payload.period ?? 'daily',
      groups: [...groups.values()],
      links: this.footer(reader.id, 'digest'),
    });
    const composed = this.message(email, reader.email, rendered, {
      root: null,
      list: null,
      unsubscribe: this.unsubscribeUrl(reader.id, 'digest'),
      replyTo: null,
    });
    return { ...composed, sent: () => this.repository.markDigested(items.map((item) => item.id)) };
  }

  private async invitation(email: OutgoingEmail): Promise<Composed> {
    const payload = email.payload as { invitationId?: string; sealed?: string };
    const invitation = payload.invitationId ? await this.repository.invitation(payload.invitationId) : null;
    if (!invitation || !email.toAddress || !payload.sealed) return { skip: 'the invitation no longer exists' };
    if (!invitation.open) return { skip: 'the invitation was accepted, revoked or expired before it was sent' };
    const token = unseal(this.config.jwt.secret, payload.sealed);
    if (createHash('sha256').update(token).digest('hex') !== invitation.tokenHash) {
      return { skip: 'the invitation got a new link before this one was sent' };
    }
    const rendered = renderInvitationEmail({
      locale: invitation.inviteeLocale ?? invitation.inviterLocale ?? 'en',
      timeZone: 'UTC',
      groupName: invitation.groupName,
      role: invitation.role as Parameters<typeof renderInvitationEmail>[0]['role'],
      inviterName: invitation.inviterName,
      acceptUrl: this.link(`/invitations/${encodeURIComponent(token)}`),
      expiresAt: new Date(invitation.expiresAt).toISOString(),
    });
    return this.message(email, email.toAddress, rendered, {
      root: null,
      list: { id: invitation.groupId, name: invitation.groupName },
      unsubscribe: null,
      replyTo: null,
    });
  }

  private async security(email: OutgoingEmail, kind: SecurityEmailKind): Promise<Composed> {
    const payload = email.payload as { path?: string; sealed?: string; expiresAt?: string };
    const reader = email.userId ? await this.repository.recipient(email.userId) : null;
    if (!reader) return { skip: 'the account no longer exists' };
    let rendered: RenderedEmail;
    if (kind === 'account-exists') {
      rendered = renderSecurityEmail({
        reader: readerOf(reader),
        kind,
        url: this.link('/login'),
        expiresAt: null,
        resetUrl: this.link('/reset-password'),
      });
    } else {
      if (!payload.sealed || !payload.path) return { skip: 'the link was already sent' };
      if (kind === 'email-verification' && reader.emailVerified) return { skip: 'the address is already confirmed' };
      const token = unseal(this.config.jwt.secret, payload.sealed);
      rendered = renderSecurityEmail({
        reader: readerOf(reader),
        kind,
        url: this.link(`${payload.path}${encodeURIComponent(token)}`),
        expiresAt: payload.expiresAt ?? new Date().toISOString(),
      });
    }
    return this.message(email, email.toAddress ?? reader.email, rendered, {
      root: null,
      list: null,
      unsubscribe: null,
      replyTo: null,
    });
  }

  /** The headers every email carries, and those of its kind (threading, list, unsubscribe, reply address). */
  private message(
    email: OutgoingEmail,
    to: string,
    rendered: RenderedEmail,
    options: {
      root: string | null;
      list: { id: string; name: string } | null;
      unsubscribe: string | null;
      replyTo: string | null;
    },
  ): Composed {
    const domain = this.config.mail.replyDomain;
    const messageId = `<${email.id}@${domain}>`;
    const headers: Record<string, string> = {
      // RFC 3834: out-of-office and other robots must not answer (Exchange reads the second header).
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      [LOOP_HEADER]: domain,
    };
    if (options.unsubscribe) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    const message: SendMailOptions = {
      to,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId,
      headers,
      replyTo: options.replyTo ?? undefined,
    };
    if (options.root) {
      // Every email about one thread (or action) answers the same root: mail clients show one conversation.
      const root = `<${options.root}@${domain}>`;
      message.inReplyTo = root;
      message.references = [root];
    }
    if (options.list || options.unsubscribe) {
      message.list = {
        ...(options.list ? { id: { url: `${options.list.id}.groups.${domain}`, comment: options.list.name } } : {}),
        ...(options.unsubscribe ? { unsubscribe: { url: options.unsubscribe } } : {}),
      };
    }
    return { message, subject: rendered.subject, messageId };
  }

  private link(path: string): string {
    return `${this.config.publicUrl}${path}`;
  }

  private footer(userId: string, type: string): { preferences: string; unsubscribe: string } {
    return { preferences: this.link('/me'), unsubscribe: this.unsubscribeUrl(userId, type) };
  }

  private unsubscribeUrl(userId: string, type: string): string {
    return this.link(`/api/mail/unsubscribe?token=${signUnsubscribe(this.config.jwt.secret, { userId, type })}`);
  }
}

function readerOf(recipient: MailRecipient): EmailReader {
  return { locale: recipient.locale, timeZone: recipient.timeZone, displayName: recipient.displayName };
}

function toEmailNotification(n: NotificationToSend): EmailNotification {
  // Stored by notify() with data of its type: the two agree, which the compiler cannot see through a jsonb column.
  const stored: unknown = {
    type: n.type,
    data: n.data,
    groupId: n.groupId,
    subjectType: n.subjectType,
    subjectId: n.subjectId,
    createdAt: new Date(n.createdAt).toISOString(),
  };
  return stored as EmailNotification;
}

/** The start of a message as plain text: its first lines, cut at a word. */
function shorten(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= EXCERPT_LENGTH) return flat;
  const cut = flat.slice(0, EXCERPT_LENGTH);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), EXCERPT_LENGTH - 40))}…`;
}
