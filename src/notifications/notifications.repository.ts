import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination';
import type { InvitationDto } from '../working-groups/dto/invitation.dto';
import { NotificationDto } from './dto/notification.dto';
import { NotificationLevel } from './entities/notification-preference.entity';
import type { Delivery } from './notification-kinds';
import { Notification } from './entities/notification.entity';
import { MENTION } from '../threads/markdown';

/** How much of a message a notification quotes: a taste, the link opens the rest. */
const EXCERPT_LENGTH = 200;

/** A row to store: one recipient, one type, its data, and whether it is emailed. */
export interface NotificationRow {
  userId: string;
  type: string;
  groupId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  data: object;
  email: 'none' | 'now' | 'digest';
}

/** One reader's choice for one type: for every group (groupId null) or one group. */
export interface SettingRow {
  type: string;
  groupId: string | null;
  delivery: Delivery;
}

/** The names a notification shows, as they are now: the group's, the actor's and (given one) the thread's. */
export interface DisplayNames {
  groupName: string;
  actorName: string | null;
  threadTitle: string | null;
}

/** Every query of the notifications module: stored notifications, preferences, and the lookups of recipients. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: DataSource) {}

  async insert(tx: EntityManager, rows: NotificationRow[]): Promise<NotificationDto[]> {
    const saved: Notification[] = await tx
      .getRepository(Notification)
      .save(rows.map((row) => ({ ...row, readAt: null })));
    return saved.map(toNotificationDto);
  }

  /** Newest first. */
  async page(userId: string, query: PageQueryDto & { unread?: boolean }): Promise<Page<NotificationDto>> {
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<[string, string]>(query.cursor, ['timestamp', 'uuid']);
    const qb = this.db
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit + 1);
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    if (cursor) qb.andWhere('(n.created_at, n.id) < (:at::timestamptz, :id::uuid)', { at: cursor[0], id: cursor[1] });
    const rows = await qb.getMany();
    const page = toPage(rows, limit, toNotificationDto, (row) => [new Date(row.createdAt).toISOString(), row.id]);
    return { ...page, items: await this.withExcerpts(page.items, userId) };
  }

  /**
   * Notifications about a message quote its start as it reads now: for one reader's list, only in groups they are
   * still in (`readerId`); for a push right after they were stored for members, `null` (no second check).
   */
  async withExcerpts(items: NotificationDto[], readerId: string | null): Promise<NotificationDto[]> {
    const messageIds = items.flatMap((n) => (n.subjectType === 'message' && n.subjectId ? [n.subjectId] : []));
    const excerpts = await this.messageExcerpts(readerId, messageIds);
    return items.map((n) =>
      n.subjectType === 'message' && n.subjectId ? { ...n, excerpt: excerpts.get(n.subjectId) ?? null } : n,
    );
  }

  /** The start of each message as it reads now, only in groups the reader (when named) is still a member of. */
  private async messageExcerpts(readerId: string | null, messageIds: string[]): Promise<Map<string, string>> {
    if (messageIds.length === 0) return new Map();
    const rows: { id: string; excerpt: string }[] = await this.db.query(
      `SELECT m.id, left(m.body, ${EXCERPT_LENGTH}) AS excerpt FROM messages m
        WHERE m.id = ANY($2::uuid[]) AND m.deleted_at IS NULL
          AND ($1::uuid IS NULL
               OR EXISTS (SELECT 1 FROM memberships ms WHERE ms.user_id = $1 AND ms.group_id = m.group_id))`,
      [readerId, messageIds],
    );
    // A mention reads as the member's name, as on screen: `<@uuid>` is the stored form.
    const mentioned = [...new Set(rows.flatMap((row) => [...row.excerpt.matchAll(MENTION)].map((m) => m[1])))];
    const names: { id: string; name: string }[] = mentioned.length
      ? await this.db.query('SELECT id, display_name AS name FROM users WHERE id = ANY($1::uuid[])', [mentioned])
      : [];
    const byId = new Map(names.map((row) => [row.id, row.name]));
    const said = (text: string) =>
      text
        .replace(/<@[0-9a-f-]*$/i, '') // a mention the cut went through
        .replace(MENTION, (_, id: string) => `@${byId.get(id.toLowerCase()) ?? '…'}`)
        .replace(/\s+/g, ' ')
        .trim();
    return new Map(
      rows.map((row) => [row.id, row.excerpt.length >= EXCERPT_LENGTH ? `${said(row.excerpt)}…` : said(row.excerpt)]),
    );
  }

  async unreadCounts(userIds: string[]): Promise<Map<string, number>> {
    const rows: { user_id: string; count: number }[] = await this.db.query(
      `SELECT user_id, count(*)::int AS count FROM notifications
        WHERE user_id = ANY($1::uuid[]) AND read_at IS NULL GROUP BY user_id`,
      [userIds],
    );
    return new Map(rows.map((row) => [row.user_id, Number(row.count)]));
  }

  /** The user's own only: ids of anyone else's are ignored. `all` marks every unread one. */
  async markRead(userId: string, ids: string[] | 'all'): Promise<void> {
    if (ids === 'all') {
      await this.db.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [userId]);
    } else {
      await this.db.query(
        'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL',
        [userId, ids],
      );
    }
  }

  async levels(tx: EntityManager, groupId: string, userIds: string[]): Promise<Map<string, NotificationLevel>> {
    const rows: { user_id: string; level: NotificationLevel }[] = await tx.query(
      'SELECT user_id, level FROM notification_preferences WHERE group_id = $1 AND user_id = ANY($2::uuid[])',
      [groupId, userIds],
    );
    return new Map(rows.map((row) => [row.user_id, row.level]));
  }

  /** Each reader's chosen delivery of a type in a group (their choice for the group wins over their general one). */
  async deliveries(
    tx: EntityManager,
    type: string,
    groupId: string | null,
    userIds: string[],
  ): Promise<Map<string, Delivery>> {
    // A service account has no mailbox (its address is a reserved .invalid one): in the app only, whatever it set.
    const rows: { user_id: string; delivery: Delivery }[] = await tx.query(
      `SELECT s.user_id, s.delivery FROM (
         SELECT DISTINCT ON (user_id) user_id, delivery FROM notification_settings
          WHERE user_id = ANY($3::uuid[]) AND type = $1 AND (group_id IS NULL OR group_id = $2::uuid)
          ORDER BY user_id, group_id NULLS LAST) s
        WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id AND u.kind = 'service')
       UNION ALL
       SELECT u.id, 'in-app' FROM users u WHERE u.id = ANY($3::uuid[]) AND u.kind = 'service'`,
      [type, groupId, userIds],
    );
    return new Map(rows.map((row) => [row.user_id, row.delivery]));
  }

  async settings(userId: string): Promise<SettingRow[]> {
    return this.db.query(
      `SELECT type, group_id AS "groupId", delivery FROM notification_settings WHERE user_id = $1 ORDER BY type`,
      [userId],
    );
  }

  async setDelivery(userId: string, setting: SettingRow): Promise<void> {
    await this.db.query(
      `INSERT INTO notification_settings (user_id, group_id, type, delivery) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, type, (COALESCE(group_id, '00000000-0000-0000-0000-000000000000'::uuid)))
       DO UPDATE SET delivery = EXCLUDED.delivery`,
      [userId, setting.groupId, setting.type, setting.delivery],
    );
  }

  /** Back to the default (or, for a group, to the reader's general choice). */
  async clearDelivery(userId: string, type: string, groupId: string | null): Promise<void> {
    await this.db.query(
      'DELETE FROM notification_settings WHERE user_id = $1 AND type = $2 AND group_id IS NOT DISTINCT FROM $3::uuid',
      [userId, type, groupId],
    );
  }

  async setLevel(userId: string, groupId: string, level: NotificationLevel): Promise<void> {
    await this.db.query(
      `INSERT INTO notification_preferences (user_id, group_id, level) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, group_id) DO UPDATE SET level = EXCLUDED.level`,
      [userId, groupId, level],
    );
  }

  async names(groupId: string, actorId: string | null, threadId: string | null = null): Promise<DisplayNames> {
    const [row]: { group_name: string | null; actor_name: string | null; thread_title: string | null }[] =
      await this.db.query(
        `SELECT (SELECT name FROM working_groups WHERE id = $1) AS group_name,
                (SELECT display_name FROM users WHERE id = $2::uuid) AS actor_name,
                (SELECT title FROM threads WHERE id = $3::uuid) AS thread_title`,
        [groupId, actorId, threadId],
      );
    return {
      groupName: row?.group_name ?? '',
      actorName: row?.actor_name ?? null,
      threadTitle: row?.thread_title ?? null,
    };
  }

  /** Who wrote a message (null once the account is gone). */
  async authorOf(messageId: string): Promise<string | null> {
    const [row]: { author_id: string | null }[] = await this.db.query('SELECT author_id FROM messages WHERE id = $1', [
      messageId,
    ]);
    return row?.author_id ?? null;
  }

  /**
   * The account told in-app of an invitation, if any: only one that proved it reads mail at the invited address. An
   * account that merely typed the address in is not the person invited.
   */
  async verifiedInvitee(invitation: InvitationDto): Promise<string | null> {
    const [invitee]: { id: string }[] = await this.db.query(
      `SELECT id FROM users WHERE email = $1 AND email_verified_at IS NOT NULL`,
      [invitation.email],
    );
    return invitee?.id ?? null;
  }
}

export function toNotificationDto(row: Notification): NotificationDto {
  // The row's type and data were written together by notify() (or converted by the migration): they agree.
  return {
    id: row.id,
    type: row.type,
    groupId: row.groupId,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    data: row.data,
    read: row.readAt !== null,
    createdAt: new Date(row.createdAt).toISOString(),
  } as NotificationDto;
}
