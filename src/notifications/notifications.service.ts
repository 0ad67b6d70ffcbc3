import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { Page } from '../common/pagination';
import { DomainEventBus } from '../events/domain-event-bus';
import { EmailOutbox } from '../jobs/email-outbox';
import { ListNotificationsQueryDto } from './dto/list-notifications.query.dto';
import { MarkNotificationsReadDto } from './dto/mark-read.dto';
import { NotificationDto, StoredNotification } from './dto/notification.dto';
import { NotificationLevel } from './entities/notification-preference.entity';
import { NotificationSettingsDto, UpdateNotificationSettingDto } from './dto/notification-settings.dto';
import {
  CONFIGURABLE_TYPES,
  Delivery,
  EMAIL_DEFAULTS,
  emailOf,
  NotificationData,
  NotificationType,
  wanted,
} from './notification-kinds';
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
    private readonly outbox: EmailOutbox,
  ) {}

  /**
   * Stores one notification for each recipient whose preferences want it, with the email jobs of those who want it
   * by email now, in one transaction (the caller's, or its own): the notification and its email exist together or
   * not at all. Emits one `NotificationsStored` once that commits: the live push follows from it. A handful of
   * statements whatever the number of recipients.
   */
  async notify(recipients: string[], notification: NewNotification, tx?: EntityManager): Promise<StoredNotification[]> {
    if (!tx) return this.db.transaction((own) => this.notify(recipients, notification, own));
    const unique = [...new Set(recipients)];
    if (unique.length === 0) return [];
    const { type, groupId } = notification;
    const levels = groupId ? await this.repository.levels(tx, groupId, unique) : new Map<string, NotificationLevel>();
    const chosen = await this.repository.deliveries(tx, type, groupId, unique);
    const delivery = (userId: string): Delivery => chosen.get(userId) ?? EMAIL_DEFAULTS[type].delivery;
    const targets = unique.filter((userId) => wanted(type, levels.get(userId) ?? 'all') && delivery(userId) !== 'off');
    if (targets.length === 0) return [];
    const rows = targets.map((userId) => ({ userId, ...notification, email: emailOf(type, delivery(userId)) }));
    const saved = await this.repository.insert(tx, rows);
    await this.outbox.queue(
      tx,
      saved.flatMap((dto, i) =>
        rows[i].email === 'now'
          ? [{ kind: type, userId: targets[i], notificationId: dto.id, urgent: EMAIL_DEFAULTS[type].urgent }]
          : [],
      ),
    );
    const stored = saved.map((dto, i) => ({ userId: targets[i], notification: dto }));
    this.events.emitAfterCommit(tx, 'NotificationsStored', { stored });
    return stored;
  }

  /** The reader's delivery of every type (their choice or the default), their per-group choices, and their week. */
  async settings(user: AuthUser): Promise<NotificationSettingsDto> {
    const rows = await this.repository.settings(user.id);
    const general = new Map(rows.filter((row) => row.groupId === null).map((row) => [row.type, row.delivery]));
    return {
      types: CONFIGURABLE_TYPES.map((type) => ({
        type,
        delivery: general.get(type) ?? EMAIL_DEFAULTS[type].delivery,
        default: EMAIL_DEFAULTS[type].delivery,
      })),
      groups: rows.filter((row) => row.groupId !== null) as NotificationSettingsDto['groups'],
    };
  }

  /** Sets (or, with `default`, clears) the reader's delivery of one type, for every group or for one of theirs. */
  async setDelivery(user: AuthUser, dto: UpdateNotificationSettingDto): Promise<NotificationSettingsDto> {
    const groupId = dto.groupId ?? null;
    if (groupId) await this.access.require(user, Permission.NotificationPreference, [groupId]);
    if (dto.delivery === 'default') await this.repository.clearDelivery(user.id, dto.type, groupId);
    else await this.repository.setDelivery(user.id, { type: dto.type, groupId, delivery: dto.delivery });
    return this.settings(user);
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

  /** Notifications just stored (for members), as the list will show them: a push and a reload must agree. */
  asListed(notifications: NotificationDto[]): Promise<NotificationDto[]> {
    return this.repository.withExcerpts(notifications, null);
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
