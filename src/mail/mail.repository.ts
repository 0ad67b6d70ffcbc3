import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Locale } from '../users/entities/user.entity';
import { OutgoingEmail, OutgoingEmailStatus } from './entities/outgoing-email.entity';
import type { WorkingWeek } from './working-hours';

/** The account an email goes to: its address, language and week. */
export interface MailRecipient extends WorkingWeek {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  /** Only a confirmed address is sent what happens in groups; the links that confirm it go anyway. */
  emailVerified: boolean;
}

/** A stored notification with what sending it needs to know now: still unread? still a member of its group? */
export interface NotificationToSend {
  id: string;
  type: string;
  groupId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  read: boolean;
  member: boolean;
  groupName: string | null;
}

export interface InvitationToSend {
  groupId: string;
  groupName: string;
  role: string;
  inviterName: string | null;
  inviterLocale: Locale | null;
  inviteeLocale: Locale | null;
  expiresAt: Date;
  open: boolean;
  /** The hash of the invitation's current link: a queued email with an older one (renewed since) is not sent. */
  tokenHash: string;
}

const RECIPIENT = `u.id, u.email, u.display_name AS "displayName", u.locale, u.time_zone AS "timeZone",
  u.email_verified_at IS NOT NULL AS "emailVerified",
  u.weekend_days AS "weekendDays", u.work_start_hour AS "workStartHour", u.work_end_hour AS "workEndHour"`;

/** Every query of mail/: the outbox, what its emails render from, and the digest's bookkeeping. */
@Injectable()
export class MailRepository {
  constructor(private readonly db: DataSource) {}

  async recipients(db: EntityManager, userIds: string[]): Promise<MailRecipient[]> {
    if (userIds.length === 0) return [];
    return db.query(`SELECT ${RECIPIENT} FROM users u WHERE u.id = ANY($1::uuid[])`, [userIds]);
  }

  async recipient(userId: string): Promise<MailRecipient | null> {
    const [row] = await this.recipients(this.db.manager, [userId]);
    return row ?? null;
  }

  /** One statement for all the rows; their ids in the same order. */
  async insert(tx: EntityManager, rows: Partial<OutgoingEmail>[]): Promise<string[]> {
    const result = await tx.getRepository(OutgoingEmail).insert(rows);
    return result.identifiers.map((identifier) => String(identifier.id));
  }

  async load(id: string): Promise<OutgoingEmail | null> {
    return this.db.getRepository(OutgoingEmail).findOneBy({ id });
  }

  /**
   * Records how a try ended; only a queued email changes, so a late duplicate try cannot undo a result. A secret it
   * carried (an invitation's token) is wiped: it is in the email now, and nowhere else on our side.
   */
  async finish(
    id: string,
    status: Exclude<OutgoingEmailStatus, 'queued'>,
    result: { subject?: string; messageId?: string; file?: string; error?: string },
  ): Promise<void> {
    await this.db.query(
      `UPDATE outgoing_emails SET status = $2::varchar, subject = coalesce($3, subject), message_id = coalesce($4, message_id),
              file = $5, error = $6, attempts = attempts + 1, payload = payload - 'sealed',
              sent_at = CASE WHEN $2::varchar IN ('sent', 'written') THEN now() ELSE sent_at END
        WHERE id = $1 AND status = 'queued'`,
      [id, status, result.subject ?? null, result.messageId ?? null, result.file ?? null, result.error ?? null],
    );
  }

  /** A try that failed and will be retried: counted, its error kept for the admin. */
  async retrying(id: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE outgoing_emails SET attempts = attempts + 1, error = $2 WHERE id = $1 AND status = 'queued'`,
      [id, error.slice(0, 1000)],
    );
  }

  async notification(notificationId: string): Promise<NotificationToSend | null> {
    const [row] = await this.db.query(
      `SELECT n.id, n.type, n.group_id AS "groupId", n.subject_type AS "subjectType", n.subject_id AS "subjectId",
              n.data, n.created_at AS "createdAt", n.read_at IS NOT NULL AS read,
              g.name AS "groupName",
              (n.group_id IS NULL OR EXISTS (SELECT 1 FROM memberships m
                                              WHERE m.group_id = n.group_id AND m.user_id = n.user_id)) AS member
         FROM notifications n LEFT JOIN working_groups g ON g.id = n.group_id
        WHERE n.id = $1`,
      [notificationId],
    );
    return row ?? null;
  }

  /** The start of a message as it reads now; null once deleted. */
  async messageExcerpt(messageId: string): Promise<string | null> {
    const [row]: { body: string }[] = await this.db.query(
      'SELECT body FROM messages WHERE id = $1 AND deleted_at IS NULL',
      [messageId],
    );
    return row ? row.body : null;
  }

  async invitation(invitationId: string): Promise<InvitationToSend | null> {
    const [row] = await this.db.query(
      `SELECT i.group_id AS "groupId", g.name AS "groupName", i.role, inviter.display_name AS "inviterName",
              inviter.locale AS "inviterLocale", invitee.locale AS "inviteeLocale", i.expires_at AS "expiresAt",
              (i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()) AS open,
              i.token_hash AS "tokenHash"
         FROM invitations i JOIN working_groups g ON g.id = i.group_id
         LEFT JOIN users inviter ON inviter.id = i.invited_by
         LEFT JOIN users invitee ON invitee.email = i.email
        WHERE i.id = $1`,
      [invitationId],
    );
    return row ?? null;
  }

  /** Newest first: what the admin sees of outgoing mail. */
  async page(limit: number, before: { at: string; id: string } | null): Promise<OutgoingEmail[]> {
    const qb = this.db
      .getRepository(OutgoingEmail)
      .createQueryBuilder('e')
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit);
    if (before) qb.where('(e.created_at, e.id) < (:at::timestamptz, :id::uuid)', before);
    return qb.getMany();
  }

  /** Recipient addresses of the listed emails that were sent to an account (invitations carry their own). */
  async addresses(userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows: { id: string; email: string }[] = await this.db.query(
      'SELECT id, email FROM users WHERE id = ANY($1::uuid[])',
      [userIds],
    );
    return new Map(rows.map((row) => [row.id, row.email]));
  }

  /**
   * Readers with unread notifications waiting for a digest whose last digest is old enough for another (12 hours
   * daily, 6½ days weekly). Whether it is their hour is for the caller to say: time zones are Node's (ICU) names,
   * which PostgreSQL's list may not all know.
   */
  async digestCandidates(now: Date): Promise<(MailRecipient & { digest: 'daily' | 'weekly'; digestHour: number })[]> {
    return this.db.query(
      `SELECT ${RECIPIENT}, u.digest, u.digest_hour AS "digestHour" FROM users u
        WHERE u.digest <> 'off' AND u.email_verified_at IS NOT NULL
          AND (u.last_digest_at IS NULL
               OR u.last_digest_at < $1::timestamptz - CASE u.digest WHEN 'weekly' THEN interval '6 days 12 hours'
                                                                    ELSE interval '12 hours' END)
          AND EXISTS (SELECT 1 FROM notifications n
                       WHERE n.user_id = u.id AND n.email = 'digest' AND n.digested_at IS NULL AND n.read_at IS NULL)`,
      [now.toISOString()],
    );
  }

  /** The claim of one reader's digest for this period: true for the one transaction that takes it. */
  async claimDigest(tx: EntityManager, userId: string, lastBefore: Date): Promise<boolean> {
    // An UPDATE answers [rows, count] through TypeORM: the rows are the first half.
    const [rows]: [unknown[], number] = await tx.query(
      `UPDATE users SET last_digest_at = now()
        WHERE id = $1 AND (last_digest_at IS NULL OR last_digest_at < $2::timestamptz) RETURNING id`,
      [userId, lastBefore.toISOString()],
    );
    return rows.length > 0;
  }

  /** What a digest lists: unread, not in a digest before, in groups the reader is still in; oldest first. */
  async digestItems(userId: string, upTo: Date): Promise<NotificationToSend[]> {
    return this.db.query(
      `SELECT n.id, n.type, n.group_id AS "groupId", n.subject_type AS "subjectType", n.subject_id AS "subjectId",
              n.data, n.created_at AS "createdAt", false AS read, true AS member, g.name AS "groupName"
         FROM notifications n JOIN working_groups g ON g.id = n.group_id
        WHERE n.user_id = $1 AND n.email = 'digest' AND n.digested_at IS NULL AND n.read_at IS NULL
          AND n.created_at <= $2::timestamptz
          AND EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = n.group_id AND m.user_id = n.user_id)
        ORDER BY g.name, n.created_at
        LIMIT 200`,
      [userId, upTo.toISOString()],
    );
  }

  async markDigested(ids: string[]): Promise<void> {
    await this.db.query('UPDATE notifications SET digested_at = now() WHERE id = ANY($1::uuid[])', [ids]);
  }

  /** One-click unsubscribe from one notification type: in the app only, for every group. */
  async unsubscribe(userId: string, type: string): Promise<boolean> {
    if (type === 'digest') {
      const [rows]: [unknown[], number] = await this.db.query(
        `UPDATE users SET digest = 'off' WHERE id = $1 RETURNING id`,
        [userId],
      );
      return rows.length > 0;
    }
    const rows: unknown[] = await this.db.query(
      `INSERT INTO notification_settings (user_id, group_id, type, delivery)
       SELECT id, NULL, $2, 'in-app' FROM users WHERE id = $1
       ON CONFLICT (user_id, type, (COALESCE(group_id, '00000000-0000-0000-0000-000000000000'::uuid)))
       DO UPDATE SET delivery = 'in-app'
       RETURNING id`,
      [userId, type],
    );
    // A per-group choice of email would still send it: unsubscribing means none of this type.
    await this.db.query(
      `UPDATE notification_settings SET delivery = 'in-app'
        WHERE user_id = $1 AND type = $2 AND group_id IS NOT NULL AND delivery IN ('email', 'digest')`,
      [userId, type],
    );
    return rows.length > 0;
  }
}
