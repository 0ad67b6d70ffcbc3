import type { AuthUser } from '../auth/auth-user';
import type { ErrorResponse } from '../common/error-response';
import type { NotificationDto } from '../notifications/dto/notification.dto';
import type { PostedMessage } from '../threads/dto/message.dto';
import type { CatchUp } from '../events/dto/catch-up.dto';
import type { FeedEvent } from '../events/events';

/*
 * The socket protocol, types only: the web client imports this file (type-only), so it must never import a value
 * or anything that does. Room names, a server matter, are in rooms.ts.
 */

/** What every client → server event with a callback gets back. */
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

/** Server → client. The web client imports these maps. */
export interface ServerToClientEvents {
  /** One change-feed entry of a group the user is in: `{ groupId, seq, type, data, at }`. */
  event: (event: FeedEvent) => void;
  notification: (notification: NotificationDto & { unreadCount: number }) => void;
  presence: (presence: PresenceDto) => void;
  typing: (typing: TypingDto) => void;
  /**
   * The socket's access token expired and no newer one came by `auth.refresh` within the grace: sent just before
   * the server disconnects it. The client refreshes its session and reconnects.
   */
  'auth.expired': (reason: AuthExpiredDto) => void;
  /**
   * This node is shutting down: sent just before the server closes the connection (a transport close, so clients
   * reconnect by themselves, and the load balancer sends them to another node). Catch up by seq as after any drop.
   */
  'server.shutdown': (notice: ServerShutdownDto) => void;
}

export interface ServerShutdownDto {
  code: 'server-shutting-down';
  message: string;
}

export interface AuthExpiredDto {
  statusCode: 401;
  error: 'Unauthorized';
  code: 'token-expired';
  message: string;
}

/** Client → server. Every payload is validated; every group is checked against the access policy. */
export interface ClientToServerEvents {
  /** Catch-up over the socket: the same answer as GET /api/groups/:groupId/events. */
  sync: (request: { groupId: string; after: number; limit?: number }, ack: (answer: Ack<CatchUp>) => void) => void;
  /** Who is online in a group, across every node. */
  'presence.get': (request: { groupId: string }, ack: (answer: Ack<{ userIds: string[] }>) => void) => void;
  /** Posts through the same service as REST; acknowledged after commit. Retrying with the same clientId is safe. */
  'message.send': (
    request: { threadId: string; body: string; parentId?: string; clientId?: string },
    ack: (answer: Ack<PostedMessage>) => void,
  ) => void;
  /** Throttled, never stored, relayed to the group's other members. */
  typing: (request: { groupId: string; threadId?: string }) => void;
  /**
   * A newer access token for this socket (after the client refreshed its session): the same user and session,
   * still live. The socket's authority then lasts until that token expires.
   */
  'auth.refresh': (request: { token: string }, ack: (answer: Ack<{ expiresAt: string }>) => void) => void;
}

export interface SocketData {
  /** The user as resolved at the handshake; access is still checked per event against current memberships. */
  user: AuthUser;
  userId: string;
  sessionId: string;
  displayName: string;
  isAdmin: boolean;
  lastTypingAt: number;
  /** When the socket's current access token expires (epoch ms); past it plus the grace, the socket is closed. */
  expiresAt: number;
}
