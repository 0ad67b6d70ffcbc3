import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { responsibleFor } from '../action-items/responsible';
import { NotificationDto } from '../notifications/dto/notification.dto';
import { NewNotification, NotificationsService } from '../notifications/notifications.service';
import { DomainEvents, FeedEvent } from '../events/events';
import { RealtimeGateway } from './realtime.gateway';
import { rooms } from './rooms';

/**
 * The one place that turns domain events into socket pushes and notifications. Runs after commit: the database
 * already holds the change, so a push that is lost here is repaired by the client's catch-up.
 */
@Injectable()
export class RealtimeListener {
  private readonly logger = new Logger(RealtimeListener.name);

  constructor(
    private readonly gateway: RealtimeGateway,
    private readonly notifications: NotificationsService,
    private readonly db: DataSource,
  ) {}

  private get server() {
    return this.gateway.server;
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

  @OnEvent('GroupUpdated')
  onGroupUpdated({ event }: DomainEvents['GroupUpdated']): void {
    this.safely('GroupUpdated', () => this.publish(event));
  }

  @OnEvent('MemberAdded')
  async onMemberAdded({ event, userId, role }: DomainEvents['MemberAdded']): Promise<void> {
    await this.safely('MemberAdded', async () => {
      // Join first, on every node, so the new member receives their own arrival and everything after it.
      this.server.in(rooms.user(userId)).socketsJoin(rooms.group(event.groupId));
      this.publish(event);
      if (event.actorId === userId) return; // they created the group or accepted an invitation themselves
      await this.notify([userId], {
        type: 'member.added',
        groupId: event.groupId,
        subjectType: 'group',
        subjectId: event.groupId,
        text: `You were added to ${await this.groupName(event.groupId)} as ${role}`,
        data: { role },
      });
    });
  }

  @OnEvent('MemberRoleChanged')
  async onMemberRoleChanged({ event, userId, role, previous }: DomainEvents['MemberRoleChanged']): Promise<void> {
    await this.safely('MemberRoleChanged', async () => {
      this.publish(event);
      if (event.actorId === userId) return;
      await this.notify([userId], {
        type: 'member.role-changed',
        groupId: event.groupId,
        subjectType: 'group',
        subjectId: event.groupId,
        text: `Your role in ${await this.groupName(event.groupId)} is now ${role}`,
        data: { role, previous },
      });
    });
  }

  @OnEvent('MemberRemoved')
  onMemberRemoved({ event, userId }: DomainEvents['MemberRemoved']): void {
    this.safely('MemberRemoved', () => {
      // Leave first, on every node: nothing published to the group after this reaches the removed member.
      // The admin's sockets stay: the admin sees every group.
      this.server.in(rooms.user(userId)).except(rooms.admins).socketsLeave(rooms.group(event.groupId));
      // The removed member hears of their own removal, and of nothing after it.
      this.server.to([rooms.group(event.groupId), rooms.user(userId)]).emit('event', event);
    });
  }

  @OnEvent('InvitationCreated')
  async onInvitationCreated({ invitation, groupName }: DomainEvents['InvitationCreated']): Promise<void> {
    await this.safely('InvitationCreated', async () => {
      // Emails are not verified, so an account holding the invited address may not be the person invited: it hears
      // of the invitation only if it was already a member of another group before the invitation, and not of a group
      // it created itself (anyone may create one). Verified emails will replace this rule; accepting needs the
      // link's token either way.
      const [invitee]: { id: string }[] = await this.db.query(
        `SELECT u.id FROM users u
          WHERE u.email = $1
            AND EXISTS (SELECT 1 FROM memberships m JOIN working_groups g ON g.id = m.group_id
                         WHERE m.user_id = u.id AND m.group_id <> $2 AND m.created_at < $3::timestamptz
                           AND g.created_by IS DISTINCT FROM u.id)`,
        [invitation.email, invitation.groupId, invitation.createdAt],
      );
      if (!invitee) return;
      await this.notify([invitee.id], {
        type: 'member.invited',
        groupId: invitation.groupId,
        subjectType: 'invitation',
        subjectId: invitation.id,
        text: `${invitation.invitedBy?.displayName ?? 'A facilitator'} invited you to ${groupName} as ${invitation.role}`,
        data: { invitationId: invitation.id, role: invitation.role, groupName },
      });
    });
  }

  @OnEvent('ThreadCreated')
  async onThreadCreated({ event, actorId }: DomainEvents['ThreadCreated']): Promise<void> {
    await this.safely('ThreadCreated', async () => {
      this.publish(event);
      if (event.data.kind !== 'recommendation') return;
      await this.notify(await this.membersExcept(event.groupId, actorId), {
        type: 'recommendation.created',
        groupId: event.groupId,
        subjectType: 'thread',
        subjectId: event.data.id,
        text: `New recommendation for your position: ${event.data.title}`,
      });
    });
  }

  @OnEvent('ThreadUpdated')
  onThreadUpdated({ event }: DomainEvents['ThreadUpdated']): void {
    this.safely('ThreadUpdated', () => this.publish(event));
  }

  @OnEvent('MessagePosted')
  async onMessagePosted({ event, mentioned }: DomainEvents['MessagePosted']): Promise<void> {
    await this.safely('MessagePosted', async () => {
      this.publish(event);
      await this.notifyMentions(event.data, mentioned);
    });
  }

  @OnEvent('MessageEdited')
  async onMessageEdited({ event, newlyMentioned }: DomainEvents['MessageEdited']): Promise<void> {
    await this.safely('MessageEdited', async () => {
      this.publish(event);
      await this.notifyMentions(event.data, newlyMentioned);
    });
  }

  @OnEvent('MessageDeleted')
  onMessageDeleted({ event }: DomainEvents['MessageDeleted']): void {
    this.safely('MessageDeleted', () => this.publish(event));
  }

  @OnEvent('ReactionChanged')
  onReactionChanged({ event }: DomainEvents['ReactionChanged']): void {
    this.safely('ReactionChanged', () => this.publish(event));
  }

  @OnEvent('PositionChanged')
  onPositionChanged({ event }: DomainEvents['PositionChanged']): void {
    this.safely('PositionChanged', () => this.publish(event));
  }

  @OnEvent('RecommendationClosed')
  async onRecommendationClosed({ event }: DomainEvents['RecommendationClosed']): Promise<void> {
    await this.safely('RecommendationClosed', async () => {
      this.publish(event);
      const thread = event.data;
      await this.notify(await this.membersExcept(event.groupId, event.actorId), {
        type: 'recommendation.closed',
        groupId: event.groupId,
        subjectType: 'thread',
        subjectId: thread.id,
        text: `Recommendation ${thread.outcome ?? 'closed'}: ${thread.title}`,
        data: { outcome: thread.outcome },
      });
    });
  }

  /** Mentions were resolved to members when the message was written; outsiders were never in the list. */
  private async notifyMentions(
    message: DomainEvents['MessagePosted']['event']['data'],
    mentioned: string[],
  ): Promise<void> {
    if (mentioned.length === 0) return;
    await this.notify(mentioned, {
      type: 'message.mentioned',
      groupId: message.groupId,
      subjectType: 'message',
      subjectId: message.id,
      text: `${message.author?.displayName ?? 'Someone'} mentioned you`,
      data: { threadId: message.threadId },
    });
  }

  private async membersExcept(groupId: string, userId: string | null): Promise<string[]> {
    const rows: { user_id: string }[] = await this.db.query(
      'SELECT user_id FROM memberships WHERE group_id = $1 AND user_id IS DISTINCT FROM $2',
      [groupId, userId],
    );
    return rows.map((row) => row.user_id);
  }

  private publish(event: FeedEvent): void {
    this.server.to(rooms.group(event.groupId)).emit('event', event);
  }

  @OnEvent('NotificationsStored')
  async onNotificationsStored({ stored }: DomainEvents['NotificationsStored']): Promise<void> {
    await this.safely('NotificationsStored', () => this.push(stored));
  }

  @OnEvent('ActionCreated')
  async onActionCreated({ event }: DomainEvents['ActionCreated']): Promise<void> {
    await this.safely('ActionCreated', async () => {
      this.publish(event);
      const item = event.data;
      await this.notify(without(await responsibleFor(this.db, item), event.actorId), {
        type: 'action.assigned',
        groupId: item.groupId,
        subjectType: 'action',
        subjectId: item.id,
        text: `New action for you: ${item.title}${item.dueDate ? ` (due ${item.dueDate})` : ''}`,
      });
    });
  }

  @OnEvent('ActionUpdated')
  async onActionUpdated({ event, changed, previous }: DomainEvents['ActionUpdated']): Promise<void> {
    await this.safely('ActionUpdated', async () => {
      this.publish(event);
      const item = event.data;
      const now = without(await responsibleFor(this.db, item), event.actorId);
      if (changed.includes('focalPersonId') || changed.includes('leadOrganizationId')) {
        const before = new Set(await responsibleFor(this.db, previous));
        await this.notify(
          now.filter((id) => !before.has(id)),
          {
            type: 'action.assigned',
            groupId: item.groupId,
            subjectType: 'action',
            subjectId: item.id,
            text: `Assigned to you: ${item.title}`,
          },
        );
      }
      if (changed.includes('status')) {
        await this.notify(now, {
          type: 'action.status-changed',
          groupId: item.groupId,
          subjectType: 'action',
          subjectId: item.id,
          text: `${item.title}: ${previous.status} → ${item.status}`,
          data: { status: item.status, previous: previous.status },
        });
      }
    });
  }

  @OnEvent('ActionCommented')
  async onActionCommented({ event, item }: DomainEvents['ActionCommented']): Promise<void> {
    await this.safely('ActionCommented', async () => {
      this.publish(event);
      await this.notify(without(await responsibleFor(this.db, item), event.actorId), {
        type: 'action.commented',
        groupId: item.groupId,
        subjectType: 'action',
        subjectId: item.id,
        text: `${event.data.author?.displayName ?? 'Someone'} ${event.data.kind === 'progress' ? 'reported progress on' : 'commented on'} ${item.title}`,
      });
    });
  }

  private async notify(recipients: string[], notification: NewNotification): Promise<void> {
    await this.push(await this.notifications.notify(recipients, notification));
  }

  /** Pushes stored notifications to their users' sockets with each user's new unread count. */
  private async push(stored: { userId: string; notification: NotificationDto }[]): Promise<void> {
    if (stored.length === 0) return;
    const counts = await this.notifications.unreadCounts(stored.map((s) => s.userId));
    for (const { userId, notification: dto } of stored) {
      this.server.to(rooms.user(userId)).emit('notification', { ...dto, unreadCount: counts.get(userId) ?? 0 });
    }
  }

  private async groupName(groupId: string): Promise<string> {
    const [row]: { name: string }[] = await this.db.query('SELECT name FROM working_groups WHERE id = $1', [groupId]);
    return row?.name ?? 'a working group';
  }

  /** A failed push must never fail the request that caused it: the data is committed, catch-up repairs delivery. */
  private async safely(name: string, run: () => unknown): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.logger.error(`Delivering ${name} failed: ${(error as Error).message}`);
    }
  }
}

function without(ids: string[], excluded: string | null): string[] {
  return ids.filter((id) => id !== excluded);
}
