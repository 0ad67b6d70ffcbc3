import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { Page } from '../common/pagination';
import { DomainEventBus } from '../events/domain-event-bus';
import { ListNotificationsQueryDto } from './dto/list-notifications.query.dto';
import { MarkNotificationsReadDto } from './dto/mark-read.dto';
import { NotificationDto, StoredNotification } from './dto/notification.dto';
import { NotificationLevel } from './entities/notification-preference.entity';
import { NotificationData, NotificationType, wanted } from './notification-kinds';
import { NotificationsRepository } from './notifications.repository';

/** One notification to store for some recipients: its type and that type's data, never prose. */
export type NewNotification = {
  [T in NotificationType]: {
    type: T;
    groupId: string | null;
    subjectType: string;
    subjectId: string;
    data: NotificationData[T];
  };
}[NotificationType];

@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly repository: NotificationsRepository,
    private readonly events: DomainEventBus,
  ) {}

  /**
   * Stores one notification for each recipient whose preference for the group wants it, in the caller's
   * transaction or as its own, and emits one `NotificationsStored` once that commits: the live push (and, next,
   * email) follow from it. Two queries whatever the number of recipients.
   */
  async notify(
    recipients: string[],
    notification: NewNotification,
    tx: EntityManager = this.db.manager,
  ): Promise<StoredNotification[]> {
    const unique = [...new Set(recipients)];
    if (unique.length === 0) return [];
    const levels = notification.groupId
      ? await this.repository.levels(tx, notification.groupId, unique)
      : new Map<string, NotificationLevel>();
    const targets = unique.filter((userId) => wanted(notification.type, levels.get(userId) ?? 'all'));
    if (targets.length === 0) return [];
    const saved = await this.repository.insert(
      tx,
      targets.map((userId) => ({ userId, ...notification })),
    );
    const stored = saved.map((dto, i) => ({ userId: targets[i], notification: dto }));
    this.events.emitAfterCommit(tx, 'NotificationsStored', { stored });
    return stored;
  }

  /** Newest first. */
  async list(
    user: AuthUser,
    query: ListNotificationsQueryDto,
  ): Promise<Page<NotificationDto> & { unreadCount: number }> {
    const page = await this.repository.page(user.id, query);
    return { ...page, unreadCount: await this.unreadCount(user) };
  }

  async unreadCount(user: AuthUser): Promise<number> {
    return (await this.repository.unreadCounts([user.id])).get(user.id) ?? 0;
  }

  unreadCounts(userIds: string[]): Promise<Map<string, number>> {
    return this.repository.unreadCounts(userIds);
  }

  /** Marks the caller's own notifications only: ids of anyone else's are ignored. */
  async markRead(user: AuthUser, dto: MarkNotificationsReadDto): Promise<{ unreadCount: number }> {
    await this.repository.markRead(user.id, dto.all ? 'all' : (dto.ids ?? []));
    return { unreadCount: await this.unreadCount(user) };
  }

  async preference(user: AuthUser, groupId: string): Promise<{ level: NotificationLevel }> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    const levels = await this.repository.levels(this.db.manager, groupId, [user.id]);
    return { level: levels.get(user.id) ?? 'all' };
  }

  /** Allowed in archived groups too: it changes nothing anyone else sees. */
  async setPreference(
    user: AuthUser,
    groupId: string,
    level: NotificationLevel,
  ): Promise<{ level: NotificationLevel }> {
    await this.access.require(user, Permission.NotificationPreference, [groupId]);
    await this.repository.setLevel(user.id, groupId, level);
    return { level };
  }
}
