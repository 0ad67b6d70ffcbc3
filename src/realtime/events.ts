import type { InvitationDto } from '../working-groups/dto/invitation.dto';
import type { GroupDto } from '../working-groups/dto/group.dto';
import type { MemberDto } from '../working-groups/dto/member.dto';
import type { Role } from '../access/permission';

/**
 * Client events: what a group's change feed carries, by dotted type, with the same DTO the REST API returns.
 * The web client imports this map.
 */
export interface ClientEvents {
  'group.updated': GroupDto;
  'member.added': MemberDto;
  'member.updated': MemberDto;
  'member.removed': { userId: string };
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
}

export type DomainEventName = keyof DomainEvents;
