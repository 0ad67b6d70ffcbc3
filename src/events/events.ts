import type { InvitationDto } from '../working-groups/dto/invitation.dto';
import type { NotificationDto } from '../notifications/dto/notification.dto';
import type { GroupDto } from '../working-groups/dto/group.dto';
import type { MemberDto } from '../working-groups/dto/member.dto';
import type { Role } from '../access/permission';
import type { MessageDto, ReactionsChangedDto } from '../threads/dto/message.dto';
import type { PositionsDto } from '../threads/dto/position.dto';
import type { ThreadDto } from '../threads/dto/thread.dto';
import type { ActionCommentDto, ActionItemDto } from '../action-items/dto/action-item.dto';

/**
 * Client events: what a group's change feed carries, by dotted type, with the same DTO the REST API returns.
 * The web client imports this map.
 */
export interface ClientEvents {
  'group.updated': GroupDto;
  'member.added': MemberDto;
  'member.updated': MemberDto;
  'member.removed': { userId: string };
  'thread.created': ThreadDto;
  'thread.updated': ThreadDto;
  'message.created': MessageDto;
  'message.updated': MessageDto;
  'message.deleted': MessageDto;
  'reaction.changed': ReactionsChangedDto;
  'position.changed': PositionsDto;
  'recommendation.closed': ThreadDto;
  'action.created': ActionItemDto;
  'action.updated': ActionItemDto;
  'action.commented': ActionCommentDto;
}

export type ClientEventType = keyof ClientEvents;

/** One entry of a group's change feed, as stored and as pushed (the socket's `event` envelope). */
export interface FeedEvent<T extends ClientEventType = ClientEventType> {
  groupId: string;
  seq: number;
  type: T;
  data: ClientEvents[T];
  actorId: string | null;
  at: string;
}

/**
 * Domain events: what happened, emitted by services after their transaction commits.
 * The realtime listener is the one place that turns them into socket pushes and notifications.
 */
export interface DomainEvents {
  /** A session ended (logout, refresh-token reuse, password change): its sockets must close. */
  SessionRevoked: { userId: string; sessionId: string | null; reason: string };
  GroupCreated: { groupId: string };
  GroupUpdated: { event: FeedEvent<'group.updated'> };
  MemberAdded: { event: FeedEvent<'member.added'>; userId: string; role: Role };
  MemberRoleChanged: { event: FeedEvent<'member.updated'>; userId: string; role: Role; previous: Role };
  MemberRemoved: { event: FeedEvent<'member.removed'>; userId: string; byUserId: string };
  InvitationCreated: { invitation: InvitationDto; groupName: string };
  ThreadCreated: { event: FeedEvent<'thread.created'>; actorId: string };
  ThreadUpdated: { event: FeedEvent<'thread.updated'> };
  /** `mentioned`: group members the message mentions, the author excluded. */
  MessagePosted: { event: FeedEvent<'message.created'>; mentioned: string[] };
  MessageEdited: { event: FeedEvent<'message.updated'>; newlyMentioned: string[] };
  MessageDeleted: { event: FeedEvent<'message.deleted'> };
  ReactionChanged: { event: FeedEvent<'reaction.changed'> };
  PositionChanged: { event: FeedEvent<'position.changed'> };
  RecommendationClosed: { event: FeedEvent<'recommendation.closed'> };
  ActionCreated: { event: FeedEvent<'action.created'> };
  /** `changed`: the fields that changed, so notifications can say what happened. */
  ActionUpdated: { event: FeedEvent<'action.updated'>; changed: string[]; previous: ActionItemDto };
  ActionCommented: { event: FeedEvent<'action.commented'>; item: ActionItemDto };
  /** Notifications stored inside another service's transaction (reminders), to be pushed live. */
  NotificationsStored: { stored: { userId: string; notification: NotificationDto }[] };
}

export type DomainEventName = keyof DomainEvents;
