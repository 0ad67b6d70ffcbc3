import type { ErrorResponse, FeedEvent, MessageDto, NotificationDto } from '../api/server-types';

/**
 * The socket protocol of src/realtime/socket-protocol.ts. That file cannot be imported here (it imports the
 * messages service, and with it the whole server), so its maps are restated over the same DTO types.
 */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorResponse };

export interface PresenceDto {
  groupId: string;
  userId: string;
  online: boolean;
}

export interface TypingDto {
  groupId: string;
  threadId: string | null;
  userId: string;
  displayName: string;
}

export interface CatchUp {
  events: FeedEvent[];
  lastSeq: number;
  resync: boolean;
  hasMore: boolean;
}

export interface PostedMessage {
  message: MessageDto;
  seq: number;
}

export interface ServerToClientEvents {
  event: (event: FeedEvent) => void;
  notification: (notification: NotificationDto & { unreadCount: number }) => void;
  presence: (presence: PresenceDto) => void;
  typing: (typing: TypingDto) => void;
  /** Sent just before the server closes a socket whose token expired without an `auth.refresh`. */
  'auth.expired': (reason: ErrorResponse & { code: 'token-expired' }) => void;
}

export interface ClientToServerEvents {
  sync: (request: { groupId: string; after: number; limit?: number }, ack: (answer: Ack<CatchUp>) => void) => void;
  'presence.get': (request: { groupId: string }, ack: (answer: Ack<{ userIds: string[] }>) => void) => void;
  'message.send': (
    request: { threadId: string; body: string; parentId?: string; clientId?: string },
    ack: (answer: Ack<PostedMessage>) => void,
  ) => void;
  typing: (request: { groupId: string; threadId?: string }) => void;
  'auth.refresh': (request: { token: string }, ack: (answer: Ack<{ expiresAt: string }>) => void) => void;
}
