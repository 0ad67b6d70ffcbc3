import type { InvitationDto } from '../working-groups/dto/invitation.dto';
import type { StoredNotification } from '../notifications/dto/notification.dto';
import type { GroupDto } from '../working-groups/dto/group.dto';
import type { MemberDto } from '../working-groups/dto/member.dto';
import type { Role } from '../access/permission';
import type { MessageDto, ReactionsChangedDto } from '../threads/dto/message.dto';
import type { PositionsDto } from '../threads/dto/position.dto';
import type { ThreadDto } from '../threads/dto/thread.dto';
import type { ActionCommentDto, ActionItemDto } from '../action-items/dto/action-item.dto';
import type { AttachmentRemovedDto } from '../attachments/dto/attachment.dto';

/**
 * Client events: what a group's change feed carries, by dotted type, with the same DTO the REST API returns.
 * A new kind of event is a line here, its producer (`ChangeFeedService.append`) and its client renderer: every feed
 * event is pushed to its group's room by one rule after its transaction commits. The web client imports this map.
 */
export interface ClientEvents {
  'group.updated': GroupDto;
  'member.added': MemberDto;
  'member.updated': MemberDto;
  'member.removed': { userId: string };
  'thread.created': ThreadDto;
  /** Its title, objectives, proposal or status changed (with or without its pin). */
  'thread.updated': ThreadDto;
  /** A facilitator pinned or unpinned it, and changed nothing else: the thread as it is now. */
  'thread.pinned': ThreadDto;
  'message.created': MessageDto;
  'message.updated': MessageDto;
  'message.deleted': MessageDto;
  'reaction.changed': ReactionsChangedDto;
  'position.changed': PositionsDto;
  'recommendation.closed': ThreadDto;
  'action.created': ActionItemDto;
  'action.updated': ActionItemDto;
  'action.commented': ActionCommentDto;
  /** A file was removed (by its uploader or a facilitator): drop it wherever it is shown. */
  'attachment.removed': AttachmentRemovedDto;
}

export type ClientEventType = keyof ClientEvents;

/**
 * One entry of a group's change feed, as stored and as pushed (the socket's `event` envelope): a union
 * discriminated by `type`, so `event.data` narrows with it. `FeedEvent<'message.created'>` is one member (and,
 * written as an Extract, a generic `FeedEvent<T>` is still a FeedEvent).
 */
export type FeedEvent<T extends ClientEventType = ClientEventType> = Extract<AnyFeedEvent, { type: T }>;

type AnyFeedEvent = {
  [K in ClientEventType]: {
    groupId: string;
    seq: number;
    type: K;
    data: ClientEvents[K];
    actorId: string | null;
    at: string;
  };
}[ClientEventType];

/**
 * Domain events: what happened, in-process, after commit. Feed events travel as `FeedAppended` (the change feed
 * emits it for every appended event); the others carry only what a feed event does not: the state before a
 * change, mentions, sessions, invitations. Edges subscribe: realtime/ pushes, notifications/ decides recipients.
 */
export interface DomainEvents {
  /** A change-feed event whose transaction committed (or whose own statement did, outside a transaction). */
  FeedAppended: FeedEvent;
  /** A session ended (logout, refresh-token reuse, password change): its sockets must close. */
  SessionRevoked: { userId: string; sessionId: string | null; reason: string };
  /** The account's password changed (its other sessions are revoked): secrets sent to its mailbox end too. */
  PasswordChanged: { userId: string };
  /** Emitted before the creator's `member.added`, so the admin's sockets are in the room to hear it. */
  GroupCreated: { groupId: string };
  InvitationCreated: { invitation: InvitationDto; groupName: string };
  /** The feed event carries the new role; `previous` the one before. */
  MemberRoleChanged: { event: FeedEvent<'member.updated'>; previous: Role };
  /** `newlyMentioned`: members the new text mentions and the old did not, the author excluded. */
  MessageEdited: { event: FeedEvent<'message.updated'>; newlyMentioned: string[] };
  /** `changed`: the fields that changed; `previous`: the item before, to tell who was responsible then. */
  ActionUpdated: { event: FeedEvent<'action.updated'>; changed: string[]; previous: ActionItemDto };
  /** The item commented on: who answers for it is told. */
  ActionCommented: { event: FeedEvent<'action.commented'>; item: ActionItemDto };
  /** What one `notify()` stored, once committed: the socket push (and, next, email) subscribe. */
  NotificationsStored: { stored: StoredNotification[] };
}

export type DomainEventName = keyof DomainEvents;
