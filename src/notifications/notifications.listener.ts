import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { responsibleFor } from '../action-items/action-item.repository';
import { MembershipRepository } from '../access/membership.repository';
import { DomainEvents, FeedEvent } from '../events/events';
import { NotificationContext } from './notification-kinds';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/**
 * Who is told of what: turns committed domain events into stored notifications (type + data, rendered by each
 * reader's client in their language). Imports features and events/, never realtime/; the push follows from
 * notify()'s own NotificationsStored. Runs after commit: a notification lost to a crash here is not repaired.
 */
@Injectable()
export class NotificationsListener {
  private readonly logger = new Logger(NotificationsListener.name);

  constructor(
    private readonly notifications: NotificationsService,
    private readonly repository: NotificationsRepository,
    private readonly memberships: MembershipRepository,
    private readonly db: DataSource,
  ) {}

  @OnEvent('FeedAppended')
  async onFeedAppended(event: DomainEvents['FeedAppended']): Promise<void> {
    await this.safely(event.type, () => this.fromFeed(event));
  }

  private async fromFeed(event: FeedEvent): Promise<void> {
    switch (event.type) {
      case 'member.added': {
        const { userId, role } = event.data;
        if (event.actorId === userId) return; // they created the group or accepted an invitation themselves
        const data = { ...(await this.context(event)), role };
        return this.notify([userId], { type: 'member.added', ...onGroup(event.groupId), data });
      }
      case 'thread.created': {
        const thread = event.data;
        if (thread.kind !== 'recommendation') return;
        const data = { ...(await this.context(event)), threadTitle: thread.title };
        return this.notify(await this.memberships.membersExcept(event.groupId, event.actorId), {
          type: 'recommendation.created',
          ...onThread(event.groupId, thread.id),
          data,
        });
      }
      case 'recommendation.closed': {
        const thread = event.data;
        const data = { ...(await this.context(event)), threadTitle: thread.title, outcome: thread.outcome };
        return this.notify(await this.memberships.membersExcept(event.groupId, event.actorId), {
          type: 'recommendation.closed',
          ...onThread(event.groupId, thread.id),
          data,
        });
      }
      // Mentions were resolved to members when the message was written; outsiders were never in the list.
      case 'message.created':
        await this.mentioned(event, event.data.mentions);
        return this.replied(event);
      case 'action.created': {
        const item = event.data;
        const recipients = without(await responsibleFor(this.db, item), event.actorId);
        if (recipients.length === 0) return;
        const data = { ...(await this.context(event)), title: item.title, dueDate: item.dueDate, reassigned: false };
        return this.notify(recipients, { type: 'action.assigned', ...onAction(item), data });
      }
    }
  }

  @OnEvent('InvitationCreated')
  async onInvitationCreated({ invitation, groupName }: DomainEvents['InvitationCreated']): Promise<void> {
    await this.safely('InvitationCreated', async () => {
      const invitee = await this.repository.verifiedInvitee(invitation);
      if (!invitee) return;
      await this.notify([invitee], {
        type: 'member.invited',
        groupId: invitation.groupId,
        subjectType: 'invitation',
        subjectId: invitation.id,
        data: {
          groupName,
          actorId: invitation.invitedBy?.id ?? null,
          actorName: invitation.invitedBy?.displayName ?? null,
          invitationId: invitation.id,
          role: invitation.role,
        },
      });
    });
  }

  @OnEvent('MemberRoleChanged')
  async onMemberRoleChanged({ event, previous }: DomainEvents['MemberRoleChanged']): Promise<void> {
    await this.safely('MemberRoleChanged', async () => {
      const { userId, role } = event.data;
      if (event.actorId === userId) return;
      const data = { ...(await this.context(event)), role, previous };
      await this.notify([userId], { type: 'member.role-changed', ...onGroup(event.groupId), data });
    });
  }

  @OnEvent('MessageEdited')
  async onMessageEdited({ event, newlyMentioned }: DomainEvents['MessageEdited']): Promise<void> {
    await this.safely('MessageEdited', () => this.mentioned(event, newlyMentioned));
  }

  @OnEvent('ActionUpdated')
  async onActionUpdated({ event, changed, previous }: DomainEvents['ActionUpdated']): Promise<void> {
    await this.safely('ActionUpdated', async () => {
      const item = event.data;
      const now = without(await responsibleFor(this.db, item), event.actorId);
      const reassigned = changed.includes('focalPersonId') || changed.includes('leadOrganizationId');
      const before = reassigned ? new Set(await responsibleFor(this.db, previous)) : new Set(now);
      const newcomers = now.filter((id) => !before.has(id));
      const statusChanged = changed.includes('status') && now.length > 0;
      // Those just assigned hear of the item with its date; the others who were responsible before, of the change.
      const dueChanged = changed.includes('dueDate') ? now.filter((id) => before.has(id)) : [];
      if (newcomers.length === 0 && !statusChanged && dueChanged.length === 0) return;
      const context = { ...(await this.context(event)), title: item.title };
      await this.notify(newcomers, {
        type: 'action.assigned',
        ...onAction(item),
        data: { ...context, dueDate: item.dueDate, reassigned: true },
      });
      await this.notify(dueChanged, {
        type: 'action.due-changed',
        ...onAction(item),
        data: { ...context, dueDate: item.dueDate, previous: previous.dueDate },
      });
      if (!statusChanged) return;
      await this.notify(now, {
        type: 'action.status-changed',
        ...onAction(item),
        data: { ...context, status: item.status, previous: previous.status },
      });
    });
  }

  @OnEvent('ActionCommented')
  async onActionCommented({ event, item }: DomainEvents['ActionCommented']): Promise<void> {
    await this.safely('ActionCommented', async () => {
      const recipients = without(await responsibleFor(this.db, item), event.actorId);
      if (recipients.length === 0) return;
      const data = { ...(await this.context(event)), title: item.title, kind: event.data.kind };
      await this.notify(recipients, { type: 'action.commented', ...onAction(item), data });
    });
  }

  /** The author of the message answered is told, unless they answered themselves or were mentioned (told already). */
  private async replied(event: FeedEvent<'message.created'>): Promise<void> {
    const message = event.data;
    if (!message.parentId) return;
    const author = await this.repository.authorOf(message.parentId);
    if (!author || author === message.author?.id || message.mentions.includes(author)) return;
    // Someone who left the group hears nothing more of it.
    if (!(await this.memberships.membersAmong(event.groupId, [author])).has(author)) return;
    await this.aboutMessage(event, [author], 'message.replied');
  }

  private async mentioned(event: FeedEvent<'message.created' | 'message.updated'>, userIds: string[]) {
    const message = event.data;
    const recipients = userIds.filter((id) => id !== message.author?.id);
    if (recipients.length === 0) return;
    await this.aboutMessage(event, recipients, 'message.mentioned');
  }

  /** A notification about one message (a mention, a reply), with its thread's and the actor's names. */
  private async aboutMessage(
    event: FeedEvent<'message.created' | 'message.updated'>,
    recipients: string[],
    type: 'message.mentioned' | 'message.replied',
  ): Promise<void> {
    const message = event.data;
    const names = await this.repository.names(event.groupId, event.actorId, message.threadId);
    await this.notify(recipients, {
      type,
      groupId: event.groupId,
      subjectType: 'message',
      subjectId: message.id,
      data: {
        groupName: names.groupName,
        actorId: event.actorId,
        actorName: names.actorName,
        threadId: message.threadId,
        threadTitle: names.threadTitle ?? '',
      },
    });
  }

  /** The group's and the actor's names as they are at the time of the event. */
  private async context(event: Pick<FeedEvent, 'groupId' | 'actorId'>): Promise<NotificationContext> {
    const names = await this.repository.names(event.groupId, event.actorId);
    return { groupName: names.groupName, actorId: event.actorId, actorName: names.actorName };
  }

  private async notify(...args: Parameters<NotificationsService['notify']>): Promise<void> {
    await this.notifications.notify(...args);
  }

  /** A failed notification must never fail the request that caused it: the change itself is committed. */
  private async safely(name: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.logger.error(`Notifying of ${name} failed: ${(error as Error).message}`);
    }
  }
}

const onGroup = (groupId: string) => ({ groupId, subjectType: 'group', subjectId: groupId });
const onThread = (groupId: string, threadId: string) => ({ groupId, subjectType: 'thread', subjectId: threadId });
const onAction = (item: { id: string; groupId: string }) => ({
  groupId: item.groupId,
  subjectType: 'action',
  subjectId: item.id,
});

function without(ids: string[], excluded: string | null): string[] {
  return ids.filter((id) => id !== excluded);
}
