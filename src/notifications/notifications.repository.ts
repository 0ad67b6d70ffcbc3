import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination';
import type { InvitationDto } from '../working-groups/dto/invitation.dto';
import { NotificationDto } from './dto/notification.dto';
import { NotificationLevel } from './entities/notification-preference.entity';
import { Notification } from './entities/notification.entity';

/** A row to store: one recipient, one type, its data. */
export interface NotificationRow {
  userId: string;
  type: string;
  groupId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  data: object;
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
    return toPage(rows, limit, toNotificationDto, (row) => [new Date(row.createdAt).toISOString(), row.id]);
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

  /**
   * The account told in-app of an invitation, if any. Emails are not verified, so an account holding the invited
   * address may not be the person invited: it hears of the invitation only if it was already a member of another
   * group before the invitation, and not of a group it created itself (anyone may create one). Verified emails will
   * replace this rule; accepting needs the link's token either way.
   */
  async trustedInvitee(invitation: InvitationDto): Promise<string | null> {
    const [invitee]: { id: string }[] = await this.db.query(
      `SELECT u.id FROM users u
        WHERE u.email = $1
          AND EXISTS (SELECT 1 FROM memberships m JOIN working_groups g ON g.id = m.group_id
                       WHERE m.user_id = u.id AND m.group_id <> $2 AND m.created_at < $3::timestamptz
                         AND g.created_by IS DISTINCT FROM u.id)`,
      [invitation.email, invitation.groupId, invitation.createdAt],
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
