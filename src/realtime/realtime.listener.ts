import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { NotificationsService } from '../notifications/notifications.service';
import { DomainEvents } from '../events/events';
import { Metrics } from '../metrics/metrics';
import { RealtimeGateway } from './realtime.gateway';
import { rooms } from './rooms';

/**
 * The push half of the edge: every committed feed event goes to its group's room by one rule, stored
 * notifications to their users. Runs after commit: the database already holds the change, so a push lost here is
 * repaired by the client's catch-up (notifications: by reading the count again on reconnect).
 */
@Injectable()
export class RealtimeListener {
  private readonly logger = new Logger(RealtimeListener.name);

  constructor(
    private readonly gateway: RealtimeGateway,
    private readonly notifications: NotificationsService,
    private readonly metrics: Metrics,
  ) {}

  private get server() {
    return this.gateway.server;
  }

  /**
   * Pushes a feed event to its group's room. Membership changes move sockets first, on every node: a new member
   * receives their own arrival and everything after it; a removed member hears of their own removal and of
   * nothing after it (the admin's sockets stay: the admin sees every group).
   */
  @OnEvent('FeedAppended')
  onFeedAppended(event: DomainEvents['FeedAppended']): void {
    this.safely(event.type, () => {
      const room = rooms.group(event.groupId);
      if (event.type === 'member.added') {
        this.server.in(rooms.user(event.data.userId)).socketsJoin(room);
      } else if (event.type === 'member.removed') {
        const removed = rooms.user(event.data.userId);
        this.server.in(removed).except(rooms.admins).socketsLeave(room);
        this.server.to([room, removed]).emit('event', event);
        return;
      }
      this.server.to(room).emit('event', event);
      this.metrics.deliveryLag.observe((Date.now() - Date.parse(event.at)) / 1000);
    });
  }

  @OnEvent('SessionRevoked')
  onSessionRevoked({ userId, sessionId }: DomainEvents['SessionRevoked']): void {
    this.safely('SessionRevoked', () => {
      this.server.in(sessionId ? rooms.session(sessionId) : rooms.user(userId)).disconnectSockets(true);
    });
  }

  @OnEvent('GroupCreated')
  onGroupCreated({ groupId }: DomainEvents['GroupCreated']): void {
    // The workspace admin sees every group, new ones included.
    this.safely('GroupCreated', () => this.server.in(rooms.admins).socketsJoin(rooms.group(groupId)));
  }

  /** Stored notifications to their users' sockets, each with the user's new unread count. */
  @OnEvent('NotificationsStored')
  async onNotificationsStored({ stored }: DomainEvents['NotificationsStored']): Promise<void> {
    await this.safely('NotificationsStored', async () => {
      if (stored.length === 0) return;
      const counts = await this.notifications.unreadCounts(stored.map((s) => s.userId));
      const listed = await this.notifications.asListed(stored.map((s) => s.notification));
      stored.forEach(({ userId }, i) => {
        this.server.to(rooms.user(userId)).emit('notification', { ...listed[i], unreadCount: counts.get(userId) ?? 0 });
      });
    });
  }

  /** A failed push must never fail the request that caused it: the data is committed, catch-up repairs delivery. */
  private async safely(name: string, run: () => unknown): Promise<void> {
    // No socket server in this process (a CLI's application context, such as the seed): nobody to push to.
    if (!this.server) return;
    try {
      await run();
    } catch (error) {
      this.logger.error(`Delivering ${name} failed: ${(error as Error).message}`);
    }
  }
}
