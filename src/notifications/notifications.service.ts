import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { NotificationLevel } from './entities/notification-preference.entity';
import { Notification } from './entities/notification.entity';
import { ListNotificationsQueryDto } from './dto/list-notifications.query.dto';
import { MarkNotificationsReadDto } from './dto/mark-read.dto';
import { NotificationDto, toNotificationDto } from './dto/notification.dto';
import { NotificationType, wanted } from './notification-kinds';

export interface NewNotification {
  type: NotificationType;
  groupId: string | null;
  subjectType?: string;
  subjectId?: string;
  text: string;
  data?: Record<string, unknown>;
}

@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  /**
   * Stores one notification for each recipient whose preference for the group wants it; returns what was stored,
   * by recipient, for the live push. Two queries whatever the number of recipients.
   */
  async notify(
    recipients: string[],
    notification: NewNotification,
    tx: EntityManager = this.db.manager,
  ): Promise<{ userId: string; notification: NotificationDto }[]> {
    const unique = [...new Set(recipients)];
    if (unique.length === 0) return [];
    const levels = notification.groupId
      ? await this.levels(tx, notification.groupId, unique)
      : new Map<string, NotificationLevel>();
    const targets = unique.filter((userId) => wanted(notification.type, levels.get(userId) ?? 'all'));
    if (targets.length === 0) return [];
    const rows: Notification[] = await tx.getRepository(Notification).save(
      targets.map((userId) => ({
        userId,
        type: notification.type,
        groupId: notification.groupId,
        subjectType: notification.subjectType ?? null,
        subjectId: notification.subjectId ?? null,
        text: notification.text.slice(0, 500),
        data: notification.data ?? {},
        readAt: null,
      })),
    );
    return rows.map((row) => ({ userId: row.userId, notification: toNotificationDto(row) }));
  }

  /** Newest first. */
  async list(
    user: AuthUser,
    query: ListNotificationsQueryDto,
  ): Promise<Page<NotificationDto> & { unreadCount: number }> {
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<[string, string]>(query.cursor, ['timestamp', 'uuid']);
    const qb = this.db
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId: user.id })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit + 1);
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    if (cursor) qb.andWhere('(n.created_at, n.id) < (:at::timestamptz, :id::uuid)', { at: cursor[0], id: cursor[1] });
    const rows = await qb.getMany();
    const page = toPage(rows, limit, toNotificationDto, (row) => [new Date(row.createdAt).toISOString(), row.id]);
    return { ...page, unreadCount: await this.unreadCount(user) };
  }

  async unreadCount(user: AuthUser): Promise<number> {
    const [{ count }]: { count: number }[] = await this.db.query(
      'SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL',
      [user.id],
    );
    return Number(count);
  }

  async unreadCounts(userIds: string[]): Promise<Map<string, number>> {
    const rows: { user_id: string; count: number }[] = await this.db.query(
      `SELECT user_id, count(*)::int AS count FROM notifications
        WHERE user_id = ANY($1::uuid[]) AND read_at IS NULL GROUP BY user_id`,
      [userIds],
    );
    return new Map(rows.map((row) => [row.user_id, Number(row.count)]));
  }

  /** Marks the caller's own notifications only: ids of anyone else's are ignored. */
  async markRead(user: AuthUser, dto: MarkNotificationsReadDto): Promise<{ unreadCount: number }> {
    if (dto.all) {
      await this.db.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [user.id]);
    } else {
      await this.db.query(
        'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL',
        [user.id, dto.ids ?? []],
      );
    }
    return { unreadCount: await this.unreadCount(user) };
  }

  async preference(user: AuthUser, groupId: string): Promise<{ level: NotificationLevel }> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    const levels = await this.levels(this.db.manager, groupId, [user.id]);
    return { level: levels.get(user.id) ?? 'all' };
  }

  /** Allowed in archived groups too: it changes nothing anyone else sees. */
  async setPreference(
    user: AuthUser,
    groupId: string,
    level: NotificationLevel,
  ): Promise<{ level: NotificationLevel }> {
    await this.access.require(user, Permission.NotificationPreference, [groupId]);
    await this.db.query(
      `INSERT INTO notification_preferences (user_id, group_id, level) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, group_id) DO UPDATE SET level = EXCLUDED.level`,
      [user.id, groupId, level],
    );
    return { level };
  }

  private async levels(tx: EntityManager, groupId: string, userIds: string[]): Promise<Map<string, NotificationLevel>> {
    const rows: { user_id: string; level: NotificationLevel }[] = await tx.query(
      'SELECT user_id, level FROM notification_preferences WHERE group_id = $1 AND user_id = ANY($2::uuid[])',
      [groupId, userIds],
    );
    return new Map(rows.map((row) => [row.user_id, row.level]));
  }
}
